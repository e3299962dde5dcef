import { describe, expect, it } from 'vitest';
import { ENGLISH_EXPORT_TEXT } from '../../../electron/services/export/englishText';
import { safeFileName } from '../../../electron/services/export/exportService';
import { fillText } from '../../../shared/export/exportText';
import { buildMapSvg } from '../../../shared/export/mapSvg';
import { escapeXml, fitText, textWidth, wrapText } from '../../../shared/export/svgText';
import { exportSessions, exportStudy } from './exportFixture';

describe('text in pictures', () => {
  it('escapes markup and drops characters XML forbids, so a note cannot break the file', () => {
    expect(escapeXml('A & B <script> "q" \'s\' \u0007')).toBe('A &amp; B &lt;script&gt; &quot;q&quot; &#39;s&#39; ');
    const study = exportStudy();
    const session = exportSessions(study)[0]!;
    const hostile = { ...study, title: 'Study </text><script>alert(1)</script> & co' };
    const withNote = { ...session, placements: { ...session.placements, police: { ...session.placements.police!, note: ']]> <b>bold</b> \u0001' } } };
    const svg = buildMapSvg({ study: hostile, session: withNote, text: ENGLISH_EXPORT_TEXT, lang: 'en', redact: false });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Study &lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(svg).toContain(']]&gt; &lt;b&gt;bold&lt;/b&gt; ');
    expect(svg).not.toContain('\u0001');
  });

  it('wraps long notes at spaces within the width and shortens labels with an ellipsis', () => {
    const lines = wrapText('পুলিশ ক্ষমতাশালী, কিন্তু স্ত্রী ও শিশু সুরক্ষা নিয়ে আগ্রহ নেই '.repeat(4), 300, 13);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(textWidth(l, 13)).toBeLessThanOrEqual(300);
    expect(lines.join(' ').split(/\s+/)).toEqual('পুলিশ ক্ষমতাশালী, কিন্তু স্ত্রী ও শিশু সুরক্ষা নিয়ে আগ্রহ নেই '.repeat(4).trim().split(/\s+/));
    const short = fitText('Village Level Child Protection Committee', 120, 13);
    expect(short.endsWith('…')).toBe(true);
    expect(textWidth(short, 13)).toBeLessThanOrEqual(120);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillText('{{cohort}} (n = {{n}})', { cohort: 'Survivors', n: 3 })).toBe('Survivors (n = 3)');
    expect(fillText('Session {{code}} {{missing}}', { code: 'FGD 1' })).toBe('Session FGD 1 {{missing}}');
  });

  it('makes file names any file system accepts, keeping Bengali and Hindi', () => {
    expect(safeFileName('শিশু সুরক্ষা: জেলা/ব্লক', 'FGD 3')).toBe('শিশু সুরক্ষা- জেলা-ব্লক - FGD 3');
    expect(safeFileName('a<b>c|d?e*f"g\\h', '')).toBe('a-b-c-d-e-f-g-h');
    expect(safeFileName('...', '')).toBe('export');
  });
});
