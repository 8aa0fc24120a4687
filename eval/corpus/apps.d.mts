/** A document of the corpus (see sources.mjs). */
export interface CorpusDocument {
  id: string;
  title: string;
  file: string;
  /** "markdown" or "text". */
  kind: string;
  text: string;
}

/** The page of `app` ("docs-light", "docs-dark", "text", "editor") showing `doc`. */
export function appPage(app: string, doc: CorpusDocument, docs: CorpusDocument[]): string;
