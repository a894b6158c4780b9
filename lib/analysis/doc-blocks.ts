/**
 * Generated spans of the hand-written documents: `<!-- figures:NAME -->…<!-- /figures:NAME -->`,
 * inline in a sentence or around whole paragraphs. `npm run docs` fills each with its figure's text
 * (scripts/figures.ts); a test checks that the committed documents hold what it would write.
 */

const BLOCK = /<!-- figures:([a-z0-9-]+) -->([\s\S]*?)<!-- \/figures:([a-z0-9-]+) -->/g;

/** The names of the blocks of a document, in order; a block closed under another name is an error. */
export function blockNames(markdown: string): string[] {
  return [...markdown.matchAll(BLOCK)].map(([, name, , closing]) => {
    if (closing !== name) throw new Error(`figures block ${name} is closed as ${closing}`);
    return name;
  });
}

/**
 * The document with each block's content replaced by its figure's text. A figure of several lines
 * stands apart, between blank lines, as the Markdown formatter keeps it; one of a line sits inline.
 */
export function fillBlocks(markdown: string, figures: Readonly<Record<string, string>>): string {
  blockNames(markdown);
  return markdown.replace(BLOCK, (_block, name: string) => {
    const text = figures[name];
    if (text === undefined) throw new Error(`no figure named ${name}`);
    const body = text.includes('\n') ? `\n\n${text}\n\n` : text;
    return `<!-- figures:${name} -->${body}<!-- /figures:${name} -->`;
  });
}
