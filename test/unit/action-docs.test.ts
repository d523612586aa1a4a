import { describe, expect, it } from 'vitest';
import { END, START, renderActionDocs, updateReadme } from '../../.github/scripts/action-docs.ts';

const yml = `name: x
inputs:
  token:
    description: |
      The token.
      Needs contents: write | pull-requests: write.
    required: true
  mode:
    description: How.
    default: pull-request
outputs:
  changed:
    description: Whether anything changed.
`;

describe('action docs generator', () => {
  it('renders inputs and outputs tables from action.yml', () => {
    const md = renderActionDocs(yml);
    expect(md).toContain('| `token` | yes |  | The token. Needs contents: write \\| pull-requests: write. |');
    expect(md).toContain('| `mode` | no | `pull-request` | How. |');
    expect(md).toContain('| `changed` | Whether anything changed. |');
    expect(md.startsWith(START) && md.endsWith(END)).toBe(true);
  });

  it('replaces only the generated section of a README', () => {
    const readme = `# x\n\nintro\n\n${START}\nold\n${END}\n\n## After\n`;
    const updated = updateReadme(readme, renderActionDocs(yml));
    expect(updated.startsWith('# x\n\nintro\n\n')).toBe(true);
    expect(updated.endsWith('\n\n## After\n')).toBe(true);
    expect(updated).not.toContain('\nold\n');
    expect(updateReadme(updated, renderActionDocs(yml))).toBe(updated);
  });
});

// That every action's README matches its action.yml is checked in test/unit/action-contract.test.ts.
