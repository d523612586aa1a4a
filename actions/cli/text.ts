// Text helpers for the local CLI: workflow commands to readable lines, the GITHUB_OUTPUT
// heredoc file to a record, and the HTML job summary to plain text.

function unescapeData(s: string): string {
  return s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/**
 * One stdout line of the action as a person should see it; `undefined` hides it.
 * `::add-mask::` values are collected into `secrets` so later output can be masked.
 */
export function renderCommandLine(line: string, secrets: string[]): string | undefined {
  const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
  if (!m) return line;
  const [, command = '', raw = ''] = m;
  const message = unescapeData(raw);
  switch (command) {
    case 'add-mask':
      if (message) secrets.push(message);
      return undefined;
    case 'debug':
      return process.env['RUNNER_DEBUG'] === '1' ? `[debug] ${message}` : undefined;
    case 'group':
      return `▸ ${message}`;
    case 'endgroup':
      return undefined;
    case 'error':
      return `Error: ${message}`;
    case 'warning':
      return `Warning: ${message}`;
    case 'notice':
      return `Notice: ${message}`;
    default:
      return line;
  }
}

/** Parses GITHUB_OUTPUT (`name<<delimiter` heredocs and `name=value` lines). */
export function readOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) value.push(lines[i] ?? '');
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** The job summary (HTML/Markdown) as plain text: tables become ` | `-separated rows. */
export function summaryToText(html: string): string {
  return (
    html
      .replace(/<\/(td|th)>\s*<(td|th)[^>]*>/gi, ' | ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(tr|p|h[1-6]|li|pre|table|details|summary)>/gi, '\n')
      .replace(/<li[^>]*>/gi, '- ')
      // A folded section's line, as the summary shows it (its body follows, unfolded).
      .replace(/<summary[^>]*>/gi, '▸ ')
      .replace(/<[^>]+>/g, '')
      .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e)
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
