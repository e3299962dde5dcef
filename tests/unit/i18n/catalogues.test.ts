import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

/**
 * The Bengali and Hindi catalogues must say everything the English one says: a key
 * missing in bn or hi shows English in the middle of a Bengali page. Placeholders and
 * tags must match, or a translated sentence loses the name or number it is about.
 */
const LOCALES = join(__dirname, '../../../renderer/src/i18n/locales');
const TRANSLATED = ['bn', 'hi'] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}
const read = (lang: string, ns: string): Tree => JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8')) as Tree;
const namespaces = readdirSync(join(LOCALES, 'en')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

/** {{name}} (with any format after a comma) and <tag>/</tag>, sorted, for comparison. */
function placeholders(text: string): string[] {
  const vars = [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => `{{${m[1]}}}`);
  const tags = [...text.matchAll(/<\/?([a-zA-Z0-9]+)[^>]*>/g)].map((m) => m[0].replace(/\s.*>/, '>'));
  return [...vars, ...tags].sort();
}

/** English plural base keys (without the suffix) and the suffixes English gives them. */
function pluralBases(keys: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const k of keys) {
    const m = PLURAL_SUFFIX.exec(k);
    if (!m) continue;
    const base = k.slice(0, -m[0].length);
    if (!out.has(base)) out.set(base, new Set());
    out.get(base)!.add(m[1]!);
  }
  return out;
}

describe.each(TRANSLATED)('the %s catalogue', (lang) => {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

  it.each(namespaces)('has a value for every English key of %s, with the same placeholders', (ns) => {
    const en = flatten(read('en', ns));
    const tr = flatten(read(lang, ns));
    const missing: string[] = [];
    const wrong: string[] = [];
    const plurals = pluralBases(en.keys());
    for (const [key, enText] of en) {
      const m = PLURAL_SUFFIX.exec(key);
      // A plural key is satisfied by the language's own categories (bn and hi: one, other).
      const wanted = m && m[1] !== 'zero' ? categories.map((c) => `${key.slice(0, -m[0].length)}_${c}`) : [key];
      for (const k of wanted) {
        const text = tr.get(k);
        if (text === undefined || text.trim() === '') {
          if (!missing.includes(k)) missing.push(k);
          continue;
        }
        const expected = placeholders(enText).filter((p) => p !== '{{count}}');
        const got = placeholders(text).filter((p) => p !== '{{count}}');
        // {{count}} may be left out where the words say the number ("একটি"), nothing else may.
        if (JSON.stringify([...new Set(expected)].sort()) !== JSON.stringify([...new Set(got)].sort())) wrong.push(`${k}: ${text}`);
      }
    }
    for (const key of tr.keys()) {
      const m = PLURAL_SUFFIX.exec(key);
      const base = m ? key.slice(0, -m[0].length) : key;
      if (!en.has(key) && !plurals.has(base)) wrong.push(`${key}: not an English key (left over?)`);
    }
    expect(missing, `missing in ${lang}/${ns}.json`).toEqual([]);
    expect(wrong, `placeholders differ in ${lang}/${ns}.json`).toEqual([]);
  });

  it('uses exactly the plural categories of the language (Intl.PluralRules)', () => {
    expect([...categories].sort()).toEqual(['one', 'other']);
  });
});

describe('English plurals', () => {
  it.each(namespaces)('%s has _one and _other for every plural key', (ns) => {
    const en = flatten(read('en', ns));
    const incomplete = [...pluralBases(en.keys())].filter(([, s]) => !s.has('one') || !s.has('other')).map(([b]) => b);
    expect(incomplete).toEqual([]);
  });

  it('a zero key in English has one in Bengali and Hindi', () => {
    for (const ns of namespaces) {
      const zeros = [...flatten(read('en', ns)).keys()].filter((k) => k.endsWith('_zero'));
      for (const lang of TRANSLATED) {
        const tr = flatten(read(lang, ns));
        expect(zeros.filter((k) => !tr.has(k)), `${lang}/${ns}`).toEqual([]);
      }
    }
  });
});

describe('count resolution with i18next', () => {
  const resources: Record<string, Record<string, Tree>> = {};
  for (const lang of ['en', ...TRANSLATED]) {
    resources[lang] = {};
    for (const ns of namespaces) resources[lang][ns] = read(lang, ns);
  }
  const i18n = i18next.createInstance();
  void i18n.init({ resources, lng: 'en', fallbackLng: false, ns: namespaces, defaultNS: 'common', initAsync: false, interpolation: { escapeValue: false } });

  // Intl.PluralRules puts 0 in "one" for Bengali and Hindi and in "other" for English;
  // with a _zero key i18next uses it for 0 in every language, which is what we want.
  it.each(['en', ...TRANSLATED])('%s: 0 uses the zero text, 1 the singular, 2 the plural', (lng) => {
    const t = i18n.getFixedT(lng, 'studies');
    const cat = resources[lng]!.studies!.list as Record<string, string>;
    expect(t('list.sessionCount', { count: 0 })).toBe(cat.sessionCount_zero);
    expect(t('list.sessionCount', { count: 1 })).toBe(cat.sessionCount_one!.replace('{{count}}', '1'));
    expect(t('list.sessionCount', { count: 2 })).toBe(cat.sessionCount_other!.replace('{{count}}', '2'));
    expect(t('trash.link', { count: 0 })).toBe((resources[lng]!.studies!.trash as Record<string, string>).link_zero);
  });

  it('English says "1 session" and "2 sessions", "1 pair" and "3 pairs"', () => {
    const t = i18n.getFixedT('en', 'studies');
    expect(t('list.sessionCount', { count: 1 })).toBe('1 session');
    expect(t('list.sessionCount', { count: 2 })).toBe('2 sessions');
    const c = i18n.getFixedT('en', 'compare');
    expect(c('overTime.pairsAll', { count: 1, pairs: '1', n: '4' })).toBe('1 pair · 4 placements');
    expect(c('overTime.pairsAll', { count: 3, pairs: '3', n: '9' })).toBe('3 pairs · 9 placements');
    expect(c('table.cohortHint', { count: 1, sessions: '1' })).toBe('1 session');
  });
});
