// The words of a promotion: pull request title and body (Markdown), commit message.
// Everything is derived from the files themselves (base versus promotion), so any
// run that refreshes the pull request writes the same text for the same content.
import type { RepoRef } from '../../shared/github/client.ts';
import { shaOfTag, type FileVersions } from './compare.ts';
import { unifiedDiff } from '../../shared/kustomize-images/diff.ts';
import type { Change } from '../../shared/kustomize-images/edit.ts';

/** Where links point. */
export interface LinkContext {
  /** Web base, e.g. https://github.com. */
  serverUrl: string;
  /** Repository the images are built from (their tags' shas are its commits). */
  sourceRepository: RepoRef | undefined;
  /** This workflow run's page, when known. */
  runUrl?: string;
}

/** Marks pull requests this action opened (hidden in the rendered body). */
export const BODY_MARKER = '<!-- bump-prod-tag -->';

/** Last path part of an image name (`kubemooc.azurecr.io/todo-app-be` -> `todo-app-be`). */
function shortName(image: string): string {
  return image.split('/').at(-1) ?? image;
}

/** The directory of a kustomization path (`manifests/overlays/production`). */
export function overlayOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

/** `Promote todo-app-be, todo-app-fe to main-8ada960 (manifests/overlays/production)`. */
export function promotionTitle(changes: readonly Change[], paths: readonly string[]): string {
  const images = [...new Set(changes.map((change) => shortName(change.image)))];
  const values = [...new Set(changes.filter((c) => c.field !== 'newName').map((change) => change.new))];
  const shortValue = (value: string): string => (value.startsWith('sha256:') ? value.slice(0, 19) : value.replace(/([0-9a-f]{7})[0-9a-f]{33}$/, '$1'));
  const what = images.length <= 3 ? images.join(', ') : `${images.length} images`;
  const [only] = values;
  const to = values.length === 1 && only !== undefined ? ` to ${shortValue(only)}` : '';
  const where = [...new Set(paths.map(overlayOf))].join(', ');
  const title = `Promote ${what}${to} (${where})`;
  return title.length > 250 ? `${title.slice(0, 249)}…` : title;
}

/** A value as inline code that survives any content (backticks, pipes). */
function code(value: string | undefined): string {
  if (value === undefined) return '_(none)_';
  const fence = value.includes('`') ? '``' : '`';
  return `${fence}${value.replace(/\|/g, '\\|')}${fence}`;
}

/** Link to the commits between two tags when both carry shas, or to the new commit. */
export function commitsLink(links: LinkContext, old: string | undefined, value: string): string {
  const source = links.sourceRepository;
  const to = shaOfTag(value);
  if (!source || !to) return '';
  const base = `${links.serverUrl}/${source.owner}/${source.repo}`;
  const from = shaOfTag(old);
  if (from && from !== to) return `[${from.slice(0, 7)}...${to.slice(0, 7)}](${base}/compare/${from}...${to})`;
  return `[${to.slice(0, 7)}](${base}/commit/${to})`;
}

/** The per-image table rows (Markdown), one per changed value. */
function tableRows(changes: readonly Change[], links: LinkContext, withFile: boolean): string[] {
  return changes.map((change) => {
    const cells = [
      ...(withFile ? [code(change.file)] : []),
      code(change.image),
      change.field,
      `${code(change.old)} → ${code(change.new)}`,
      change.field === 'newTag' ? commitsLink(links, change.old, change.new) : '',
    ];
    return `| ${cells.join(' | ')} |`;
  });
}

/** GitHub refuses bodies over 65,536 characters; stay clear of it. */
export const MAX_BODY_LENGTH = 60_000;

/**
 * The pull request body: the table of `old → new`, the diff, and where it came from. A body
 * that would be too long for GitHub loses the diff first, then table rows (counted in a note).
 */
export function promotionBody(files: readonly FileVersions[], changes: readonly Change[], links: LinkContext): string {
  const withFile = files.length > 1;
  const header = [...(withFile ? ['File'] : []), 'Image', 'Field', 'Change', 'Commits'];
  const rows = tableRows(changes, links, withFile);
  const diff = files.map((file) => unifiedDiff(file.path, file.before, file.after).trimEnd()).filter((text) => text !== '');
  const footer = [
    `Only these values change; every other line of the file is kept as it is. Merging this pull request lets Argo CD sync the overlay.` +
      ` Re-running the promotion updates this pull request instead of opening another.${links.runUrl ? ` Opened by [this workflow run](${links.runUrl}).` : ''}`,
    '',
    BODY_MARKER,
  ];
  const render = (shownRows: readonly string[], withDiff: boolean): string =>
    [
      `Promotes ${changes.length === 1 ? 'one value' : `${changes.length} values`} in ${files.map((f) => code(f.path)).join(', ')}:`,
      '',
      `| ${header.join(' | ')} |`,
      `|${header.map(() => '---').join('|')}|`,
      ...shownRows,
      ...(shownRows.length < rows.length ? ['', `…and ${rows.length - shownRows.length} more; see the Files changed tab.`] : []),
      '',
      ...(withDiff
        ? ['<details><summary>Diff</summary>', '', '```diff', ...diff, '```', '', '</details>', '']
        : ['The diff is too long to show here; see the Files changed tab.', '']),
      ...footer,
    ].join('\n');
  const full = render(rows, true);
  if (full.length <= MAX_BODY_LENGTH) return full;
  let shown = rows.length;
  while (shown > 0 && render(rows.slice(0, shown), false).length > MAX_BODY_LENGTH) shown = Math.floor(shown * 0.9);
  return render(rows.slice(0, shown), false);
}

/** The commit message: the title, then one `image field: old → new` line per change. */
export function commitMessage(title: string, changes: readonly Change[]): string {
  const lines = changes.map(
    (change) =>
      `- ${change.image} ${change.field}: ${change.old ?? '(none)'} → ${change.new}${changes.some((c) => c.file !== change.file) ? ` (${change.file})` : ''}`,
  );
  return `${title}\n\n${lines.join('\n')}\n`;
}
