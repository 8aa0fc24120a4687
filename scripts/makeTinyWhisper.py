"""Builds the tiny Whisper of random weights that the speech-to-text tests load.

The same layout as a transformers.js Whisper export (config.json, generation_config.json,
preprocessor_config.json, tokenizer.json, tokenizer_config.json, onnx/encoder_model.onnx,
onnx/decoder_model_merged.onnx), so the app's folder check and loader see what a person adds. The
decoder also gives its cross-attention weights, as the "_timestamped" exports do, for word timestamps.
Its text is gibberish: the tests prove the pipeline, not the words.

Run once in a venv outside the repository (torch, transformers, tokenizers, onnx, onnxruntime):
    python3 scripts/makeTinyWhisper.py tests/fixtures/whisper-tiny-random
The weights come from a fixed seed; the decoder is written out by hand (one graph that takes an
empty or filled cache), because optimum, which merges the decoders, is not available here.
"""

import json
import os
import sys

import numpy as np
import onnx
import onnxruntime
import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import WhisperConfig, WhisperForConditionalGeneration, WhisperTokenizerFast

OUT = sys.argv[1] if len(sys.argv) > 1 else 'tests/fixtures/whisper-tiny-random'
SEED = 19
D_MODEL, HEADS, FFN, LAYERS = 48, 1, 96, 1
HEAD_DIM = D_MODEL // HEADS

# Whisper's 99 languages, in the order of its vocabulary.
LANGUAGES = (
    'en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr bg lt la mi ml cy sk te fa '
    'lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn '
    'mt sa lb my bo tl mg as tt haw ln ha ba jw su'
).split()
TEXT = (
    'we decided to ship the release on thursday and sarah will write the notes. '
    'the build failed twice because the cache was stale, so tom fixed the script. '
    'next week we review the dashboard, the search and the export with the team. '
)


def build_tokenizer() -> WhisperTokenizerFast:
    """A byte-level BPE of a few hundred tokens, then Whisper's special and timestamp tokens in its order."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=400, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator([TEXT] * 4, trainer)
    specials = ['<|endoftext|>', '<|startoftranscript|>', *[f'<|{lang}|>' for lang in LANGUAGES],
                '<|translate|>', '<|transcribe|>', '<|startoflm|>', '<|startofprev|>', '<|nospeech|>', '<|notimestamps|>']
    tok.add_special_tokens(specials)
    tok.add_tokens([f'<|{i * 0.02:.2f}|>' for i in range(1501)])
    fast = WhisperTokenizerFast(tokenizer_object=tok, bos_token='<|endoftext|>', eos_token='<|endoftext|>',
                                unk_token='<|endoftext|>', pad_token='<|endoftext|>')
    return fast


class Decoder(torch.nn.Module):
    """Whisper's decoder over an explicit cache: empty on the first step (length 0), filled after."""

    def __init__(self, model: WhisperForConditionalGeneration):
        super().__init__()
        self.decoder = model.model.decoder
        self.proj = model.proj_out

    @staticmethod
    def heads(x):
        b, t, _ = x.shape
        return x.view(b, t, HEADS, HEAD_DIM).transpose(1, 2)

    def forward(self, input_ids, encoder_hidden_states, *past):
        d = self.decoder
        past_len = past[0].shape[2]
        t = input_ids.shape[1]
        positions = torch.arange(t) + past_len
        h = d.embed_tokens(input_ids) + d.embed_positions.weight[positions]
        total = past_len + t
        # Query i (at past_len + i) sees keys 0..past_len + i.
        causal = torch.arange(total)[None, :] <= (torch.arange(t)[:, None] + past_len)
        mask = torch.where(causal, 0.0, float('-inf'))
        presents, attentions = [], []
        for i, layer in enumerate(d.layers):
            pk, pv, ek, ev = past[4 * i: 4 * i + 4]
            a = layer.self_attn
            x = layer.self_attn_layer_norm(h)
            q = self.heads(a.q_proj(x)) * a.scaling
            k = torch.cat([pk, self.heads(a.k_proj(x))], dim=2)
            v = torch.cat([pv, self.heads(a.v_proj(x))], dim=2)
            w = torch.softmax(q @ k.transpose(-1, -2) + mask, dim=-1)
            h = h + a.out_proj((w @ v).transpose(1, 2).reshape(x.shape))
            c = layer.encoder_attn
            x = layer.encoder_attn_layer_norm(h)
            q = self.heads(c.q_proj(x)) * c.scaling
            # The cross-attention keys are recomputed each step (tiny model); the empty encoder
            # cache inputs are read so the graph declares them as an exported Whisper does.
            ck = self.heads(c.k_proj(encoder_hidden_states)) + ek.sum() * 0
            cv = self.heads(c.v_proj(encoder_hidden_states)) + ev.sum() * 0
            w = torch.softmax(q @ ck.transpose(-1, -2), dim=-1)
            attentions.append(w)
            h = h + c.out_proj((w @ cv).transpose(1, 2).reshape(x.shape))
            x = layer.final_layer_norm(h)
            h = h + layer.fc2(layer.activation_fn(layer.fc1(x)))
            presents += [k, v, ck, cv]
        logits = self.proj(d.layer_norm(h))
        # The cross-attention weights, as an export with output_attentions=True gives them: word
        # timestamps align tokens to audio through them (generation_config alignment_heads).
        return (logits, *presents, *attentions)


def main() -> None:
    torch.manual_seed(SEED)
    os.makedirs(f'{OUT}/onnx', exist_ok=True)
    tokenizer = build_tokenizer()
    ids = lambda token: tokenizer.convert_tokens_to_ids(token)
    sot, eot, notimestamps = ids('<|startoftranscript|>'), ids('<|endoftext|>'), ids('<|notimestamps|>')
    config = WhisperConfig(
        vocab_size=len(tokenizer), num_mel_bins=80, d_model=D_MODEL,
        encoder_layers=LAYERS, decoder_layers=LAYERS, encoder_attention_heads=HEADS, decoder_attention_heads=HEADS,
        encoder_ffn_dim=FFN, decoder_ffn_dim=FFN, max_source_positions=1500, max_target_positions=448,
        decoder_start_token_id=sot, bos_token_id=eot, eos_token_id=eot, pad_token_id=eot,
        begin_suppress_tokens=[ids('Ġ'), eot], suppress_tokens=[],
    )
    model = WhisperForConditionalGeneration(config).eval()
    model.config.save_pretrained(OUT)
    tokenizer.save_pretrained(OUT)
    for extra in ('vocab.json', 'merges.txt', 'added_tokens.json', 'special_tokens_map.json', 'normalizer.json'):
        if os.path.exists(f'{OUT}/{extra}'):
            os.remove(f'{OUT}/{extra}')
    generation = {
        'decoder_start_token_id': sot, 'bos_token_id': eot, 'eos_token_id': eot, 'pad_token_id': eot,
        'max_length': 448, 'is_multilingual': True, 'no_timestamps_token_id': notimestamps,
        'lang_to_id': {f'<|{lang}|>': ids(f'<|{lang}|>') for lang in LANGUAGES},
        'task_to_id': {'translate': ids('<|translate|>'), 'transcribe': ids('<|transcribe|>')},
        'begin_suppress_tokens': config.begin_suppress_tokens, 'suppress_tokens': [],
        'max_initial_timestamp_index': 50, 'return_timestamps': False,
        'alignment_heads': [[layer, head] for layer in range(LAYERS) for head in range(HEADS)],
    }
    with open(f'{OUT}/generation_config.json', 'w') as f:
        json.dump(generation, f, indent=2)
    with open(f'{OUT}/preprocessor_config.json', 'w') as f:
        json.dump({'chunk_length': 30, 'feature_extractor_type': 'WhisperFeatureExtractor', 'feature_size': 80,
                   'hop_length': 160, 'n_fft': 400, 'n_samples': 480000, 'nb_max_frames': 3000,
                   'padding_side': 'right', 'padding_value': 0.0, 'processor_class': 'WhisperProcessor',
                   'return_attention_mask': False, 'sampling_rate': 16000}, f, indent=2)

    features = torch.randn(1, 80, 3000)
    encoder = model.model.encoder
    class Encoder(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
        def forward(self, input_features):
            return self.encoder(input_features).last_hidden_state
    torch.onnx.export(Encoder(), (features,), f'{OUT}/onnx/encoder_model.onnx', input_names=['input_features'],
                      output_names=['last_hidden_state'], dynamic_axes={'input_features': {0: 'batch_size'}, 'last_hidden_state': {0: 'batch_size'}},
                      opset_version=17, dynamo=False)

    decoder = Decoder(model)
    with torch.no_grad():
        hidden = Encoder()(features)
    past_names, present_names, past_args, axes = [], [], [], {'input_ids': {0: 'batch_size', 1: 'decoder_sequence_length'},
                                                            'encoder_hidden_states': {0: 'batch_size', 1: 'encoder_sequence_length'},
                                                            'logits': {0: 'batch_size', 1: 'decoder_sequence_length'}}
    for i in range(LAYERS):
        for kind, length in (('decoder', 'past_decoder_sequence_length'), ('encoder', 'encoder_sequence_length_out')):
            for kv in ('key', 'value'):
                name = f'past_key_values.{i}.{kind}.{kv}'
                past_names.append(name)
                present_names.append(f'present.{i}.{kind}.{kv}')
                past_args.append(torch.zeros(1, HEADS, 3 if kind == 'decoder' else 1500, HEAD_DIM))
                axes[name] = {0: 'batch_size', 2: length}
                axes[f'present.{i}.{kind}.{kv}'] = {0: 'batch_size', 2: length.replace('past_', 'present_')}
    attention_names = [f'cross_attentions.{i}' for i in range(LAYERS)]
    for name in attention_names:
        axes[name] = {0: 'batch_size', 2: 'decoder_sequence_length', 3: 'encoder_sequence_length'}
    input_ids = torch.tensor([[sot, ids('<|en|>')]])
    torch.onnx.export(decoder, (input_ids, hidden, *past_args), f'{OUT}/onnx/decoder_model_merged.onnx',
                      input_names=['input_ids', 'encoder_hidden_states', *past_names], output_names=['logits', *present_names, *attention_names],
                      dynamic_axes=axes, opset_version=17, dynamo=False)

    # The hand-written decoder must be Whisper's: same logits as transformers' own forward pass.
    prompt = torch.tensor([[sot, ids('<|en|>'), ids('<|transcribe|>'), notimestamps]])
    model.set_attn_implementation('eager')  # sdpa returns no attention weights
    with torch.no_grad():
        reference = model(input_features=features, decoder_input_ids=prompt, output_attentions=True)
    expected = reference.logits.numpy()
    enc = onnxruntime.InferenceSession(f'{OUT}/onnx/encoder_model.onnx')
    dec = onnxruntime.InferenceSession(f'{OUT}/onnx/decoder_model_merged.onnx')
    h = enc.run(None, {'input_features': features.numpy()})[0]
    empty = {n: np.zeros((1, HEADS, 0, HEAD_DIM), np.float32) for n in past_names}
    first = dec.run(None, {'input_ids': prompt[:, :3].numpy(), 'encoder_hidden_states': h, **empty})
    feeds = {n: first[1 + j] for j, n in enumerate(past_names)}
    second = dec.run(None, {'input_ids': prompt[:, 3:].numpy(), 'encoder_hidden_states': h, **feeds})
    np.testing.assert_allclose(first[0], expected[:, :3], atol=1e-4)
    np.testing.assert_allclose(second[0], expected[:, 3:], atol=1e-4)
    cross = reference.cross_attentions[0].numpy()
    np.testing.assert_allclose(first[1 + len(past_names)], cross[:, :, :3], atol=1e-5)
    np.testing.assert_allclose(second[1 + len(past_names)], cross[:, :, 3:], atol=1e-5)
    for path in ('encoder_model.onnx', 'decoder_model_merged.onnx'):
        onnx.checker.check_model(f'{OUT}/onnx/{path}')
    print('ok', {name: os.path.getsize(f'{OUT}/{name}') for name in ('onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx', 'tokenizer.json')})


if __name__ == '__main__':
    main()
