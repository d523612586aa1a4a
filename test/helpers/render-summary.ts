// A job summary as GitHub shows it: the HTML+Markdown the actions append to GITHUB_STEP_SUMMARY,
// rendered by a GitHub-flavoured Markdown renderer (marked, gfm), then read as a person reads
// it before unfolding anything: the text outside <details> bodies (their <summary> lines stay).
import { marked } from 'marked';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The summary rendered to HTML by a GFM renderer. */
export function renderSummary(source: string): string {
  return marked.parse(source, { gfm: true, async: false });
}

/** Strips tags, one line per block, entities decoded. */
function text(html: string): string[] {
  return html
    .replace(/<\/(td|th)>\s*<(td|th)[^>]*>/gi, ' | ')
    .replace(/<br\s*\/?>|<\/(p|h[1-6]|li|tr|pre|summary|details|table|ul)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** What is visible without unfolding: rendered, with each <details> body left out (its <summary> kept). */
export function visibleLines(source: string): string[] {
  const html = renderSummary(source).replace(/<details>\s*(<summary>[\s\S]*?<\/summary>)[\s\S]*?<\/details>/gi, '$1');
  return text(html);
}

/** Every line of the rendered summary, folded parts included. */
export function allLines(source: string): string[] {
  return text(renderSummary(source));
}

/** The rendered summary's first heading, as text. */
export function firstHeading(source: string): string | undefined {
  const m = /<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(renderSummary(source));
  return m ? text(m[1] ?? '').join(' ') : undefined;
}
