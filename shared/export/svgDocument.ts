import { escapeXml, FONT_STACK, num } from './svgText';

/**
 * Wrap picture content in a standalone SVG document. `fontCss` holds `@font-face`
 * rules with the fonts embedded as data URLs (built by the host), so the picture
 * shapes Bengali and Devanagari the same on a machine without those fonts.
 */
export function svgDocument(opts: { width: number; height: number; title: string; lang: string; fontCss: string; body: string }): string {
  // The CSS holds base64 data only; a CDATA section keeps it valid XML either way.
  const css = `${opts.fontCss.replace(/]]>/g, '')}\ntext { font-family: ${FONT_STACK}; }`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(opts.width)}" height="${num(opts.height)}" viewBox="0 0 ${num(opts.width)} ${num(opts.height)}" xml:lang="${escapeXml(opts.lang)}" font-family="${escapeXml(FONT_STACK)}" role="img">`,
    `<title>${escapeXml(opts.title)}</title>`,
    `<style><![CDATA[\n${css}\n]]></style>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    opts.body,
    '</svg>',
  ].join('\n');
}

/** Draw a list under a heading in a side panel; returns the SVG and the y after it. */
export function listBlock(opts: {
  x: number;
  y: number;
  heading: string;
  lines: string[];
  empty: string;
  fontSize?: number;
  className: string;
}): { svg: string; y: number } {
  const fs = opts.fontSize ?? 13;
  const parts = [`<g class="${opts.className}">`];
  let y = opts.y + fs + 2;
  parts.push(`<text x="${num(opts.x)}" y="${num(y)}" font-size="${fs + 1}" font-weight="700" fill="#222">${escapeXml(opts.heading)}</text>`);
  y += 6;
  const lines = opts.lines.length ? opts.lines : [opts.empty];
  for (const line of lines) {
    y += fs + 5;
    parts.push(
      `<text x="${num(opts.x + 10)}" y="${num(y)}" font-size="${fs}" fill="${opts.lines.length ? '#222' : '#666'}">${escapeXml(line)}</text>`,
    );
  }
  parts.push('</g>');
  return { svg: parts.join('\n'), y: y + 14 };
}
