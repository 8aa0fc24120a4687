/** The model's summary of some text. */
export interface ModelSummary {
  summary: string;
  actionItems: string[];
}

/**
 * Reads the model's answer: the JSON we asked for (possibly in a code fence), or, from a model that
 * ignored the format, the whole answer as the summary with its "- " lines as action items.
 */
export function parseAnswer(content: string): ModelSummary {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(content);
  const json = (fenced ? fenced[1]! : content).trim();
  try {
    const data = JSON.parse(json) as { summary?: unknown; action_items?: unknown; actionItems?: unknown };
    const items = data.action_items ?? data.actionItems;
    if (typeof data.summary === 'string') {
      return {
        summary: data.summary.trim(),
        actionItems: Array.isArray(items) ? items.filter((i): i is string => typeof i === 'string' && i.trim() !== '').map((i) => i.trim()) : [],
      };
    }
  } catch {
    // Not JSON: read it as prose below.
  }
  const lines = content.split('\n').map((line) => line.trim());
  const bullets = lines.filter((line) => /^[-*•]\s+/.test(line)).map((line) => line.replace(/^[-*•]\s+/, ''));
  const prose = lines.filter((line) => line !== '' && !/^[-*•]\s+/.test(line)).join(' ');
  return { summary: prose, actionItems: bullets };
}
