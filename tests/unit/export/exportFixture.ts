import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSession, newStudy } from '../../../shared/model/defaults';
import type { Placement, Session } from '../../../shared/model/session';
import { StakeholderLibrarySchema, type Stakeholder } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';

/**
 * A realistic study for export tests: the default library plus two custom stakeholders
 * named in Bengali and Hindi, three cohorts of three sessions each, placements that
 * echo the research's finding (survivors and social workers see Panchayat, police and
 * the administration as powerful but uninterested; duty bearers put the power with the
 * community), and notes with conjuncts (ক্ষ, স্ত্র, क्ष, त्र).
 */
export const NOW = '2026-11-28T10:00:00.000Z';

const library = StakeholderLibrarySchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/stakeholders.json'), 'utf8')));

export const BENGALI_STAKEHOLDER: Stakeholder = {
  id: 'shishu-suraksha',
  name: 'গ্রাম শিশু সুরক্ষা কমিটি',
  short: 'শিশু সুরক্ষা',
  description: '',
  category: 'child_protection',
  labels: {},
  retired: false,
  custom: true,
};

export const HINDI_STAKEHOLDER: Stakeholder = {
  id: 'kshetra-panchayat',
  name: 'क्षेत्र पंचायत मित्र',
  short: 'क्षेत्र मित्र',
  description: '',
  category: 'local_government',
  labels: {},
  retired: false,
  custom: true,
};

/** Notes that must never appear in a redacted export. Each contains a conjunct. */
export const NOTES = {
  police: 'পুলিশ ক্ষমতাশালী, কিন্তু স্ত্রী ও শিশু সুরক্ষা নিয়ে আগ্রহ নেই — SECRET-NOTE-POLICE',
  panchayat: 'पंचायत के पास क्षमता है, पर पत्र का उत्तर नहीं देती — SECRET-NOTE-PANCHAYAT',
  session: 'Group of seven; VLCPC never met. SECRET-NOTE-SESSION',
  bengali: 'কমিটি শুধু কাগজে আছে, ক্ষ স্ত্র — SECRET-NOTE-BENGALI',
};

const STAKEHOLDER_IDS = ['bdo', 'gram-panchayat', 'police', 'asha', 'anganwadi', 'vlcpc', 'childline', 'social-welfare', 'wdo', 'community-leaders', 'ngos', BENGALI_STAKEHOLDER.id, HINDI_STAKEHOLDER.id];

export function exportStudy(): Study {
  const chosen = STAKEHOLDER_IDS.map((id) => library.stakeholders.find((s) => s.id === id)).filter((s): s is Stakeholder => !!s);
  const study = newStudy({ id: 'study-export', title: 'Prevention duty bearers, two districts', now: NOW, stakeholders: [...chosen, BENGALI_STAKEHOLDER, HINDI_STAKEHOLDER] });
  return study;
}

// Base positions [power, interest] per cohort: the gap the product exists to show.
const BASE: Record<string, Record<string, [number, number]>> = {
  survivors: { bdo: [8, 2.5], 'gram-panchayat': [8.5, 2], police: [9.5, 1.5], asha: [3, 8], anganwadi: [3.5, 7.5], childline: [7, 7.5], 'social-welfare': [7.5, 2.5], wdo: [7, 3], 'community-leaders': [4, 4], ngos: [4.5, 8.5], [BENGALI_STAKEHOLDER.id]: [6.5, 3], [HINDI_STAKEHOLDER.id]: [6, 4] },
  'social-workers': { bdo: [7.5, 3], 'gram-panchayat': [8, 3], police: [9, 2.5], asha: [3, 8.5], anganwadi: [3, 8], vlcpc: [7, 2.5], childline: [7.5, 8], 'social-welfare': [8, 3], wdo: [7.5, 3.5], 'community-leaders': [4.5, 4.5], ngos: [5, 9], [BENGALI_STAKEHOLDER.id]: [7, 2.5], [HINDI_STAKEHOLDER.id]: [6.5, 3.5] },
  'duty-bearers': { bdo: [6, 7.5], 'gram-panchayat': [5.5, 7], police: [6.5, 7], asha: [3.5, 8], anganwadi: [3.5, 8], vlcpc: [4, 3.5], childline: [7, 8.5], 'social-welfare': [6, 6.5], wdo: [5.5, 6], 'community-leaders': [8.5, 4], ngos: [6.5, 8], [BENGALI_STAKEHOLDER.id]: [4, 6], [HINDI_STAKEHOLDER.id]: [3.5, 6.5] },
};

/** Small deterministic jitter so sessions of a cohort differ a little. */
function jitter(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return (x - Math.floor(x) - 0.5) * 1.6;
}

const round1 = (v: number) => Math.round(Math.min(10, Math.max(0, v)) * 10) / 10;

export function exportSessions(study: Study): Session[] {
  const sessions: Session[] = [];
  let k = 0;
  for (const [c, cohortId] of ['survivors', 'social-workers', 'duty-bearers'].entries()) {
    for (let i = 1; i <= 3; i++) {
      const code = cohortId === 'duty-bearers' ? `DB-0${i}` : `FGD ${c * 3 + i}`;
      const s = newSession({ id: `s-${cohortId}-${i}`, studyId: study.id, code, kind: cohortId === 'duty-bearers' ? 'interview' : 'fgd', cohortId, roundId: 'baseline', now: NOW, date: `2026-0${c + 2}-1${i}`, participants: 7, consent: true });
      const placements: Record<string, Placement> = {};
      for (const st of study.stakeholders) {
        const base = BASE[cohortId]![st.id];
        k++;
        if (!base) {
          placements[st.id] = { status: st.id === 'vlcpc' ? 'unknown' : 'not_discussed', position: null, contested: false, alt: null, note: '' };
          continue;
        }
        placements[st.id] = { status: 'placed', position: { power: round1(base[0] + jitter(k)), interest: round1(base[1] + jitter(k + 1000)) }, contested: false, alt: null, note: '' };
      }
      sessions.push({ ...s, placements });
    }
  }
  // The first survivors' session carries the notes, a contested BDO and a status or two.
  const first = sessions[0]!;
  first.notes = NOTES.session;
  first.placements.police = { ...first.placements.police!, note: NOTES.police };
  first.placements['gram-panchayat'] = { ...first.placements['gram-panchayat']!, note: NOTES.panchayat };
  first.placements[BENGALI_STAKEHOLDER.id] = { ...first.placements[BENGALI_STAKEHOLDER.id]!, note: NOTES.bengali };
  first.placements.bdo = { ...first.placements.bdo!, contested: true, alt: { power: 3, interest: 7.5 }, note: '' };
  first.placements.wdo = { status: 'not_discussed', position: null, contested: false, alt: null, note: '' };
  return sessions;
}

/** Words whose shaping the tests check: conjuncts that break without a proper shaper or font. */
export const CONJUNCT_WORDS = ['ক্ষ', 'স্ত্র', 'শিশু সুরক্ষা', 'क्ष', 'त्र'];

/**
 * A small study for the shaping references: stakeholders named in Bengali and Hindi,
 * placed, with notes full of conjuncts. Kept separate from the realistic study so that
 * its reference pictures change only when the map's drawing changes.
 */
export function shapingStudy(): { study: Study; session: Session } {
  const stakeholders: Stakeholder[] = [
    { ...BENGALI_STAKEHOLDER },
    { ...HINDI_STAKEHOLDER },
    { id: 'stri-shakti', name: 'স্ত্রী শক্তি দল', short: 'স্ত্রী শক্তি', description: '', category: 'community', labels: {}, retired: false, custom: true },
    { id: 'mitra', name: 'मित्र मंडल', short: 'मित्र', description: '', category: 'community', labels: {}, retired: false, custom: true },
  ];
  const study = newStudy({ id: 'study-shaping', title: 'শিশু সুরক্ষা / बाल सुरक्षा', now: NOW, stakeholders });
  const base = newSession({ id: 's-shaping', studyId: study.id, code: 'FGD ক্ষ', kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now: NOW, date: '2026-03-01', consent: true, notes: 'সভা: ক্ষ স্ত্র' });
  const session: Session = {
    ...base,
    placements: {
      [BENGALI_STAKEHOLDER.id]: { status: 'placed', position: { power: 7.5, interest: 2.5 }, contested: false, alt: null, note: 'শিশু সুরক্ষা কমিটি কাগজে আছে — ক্ষমতা নেই' },
      [HINDI_STAKEHOLDER.id]: { status: 'placed', position: { power: 3, interest: 7 }, contested: true, alt: { power: 7, interest: 7.5 }, note: 'क्षेत्र के मित्र — पत्र नहीं आया' },
      'stri-shakti': { status: 'placed', position: { power: 2.5, interest: 2.5 }, contested: false, alt: null, note: 'স্ত্রী শক্তি দল সক্রিয়' },
      mitra: { status: 'unknown', position: null, contested: false, alt: null, note: '' },
    },
  };
  return { study, session };
}

/** Bengali and Hindi labels for part of the library: the rest must fall back to English. */
export const LABELS: Record<'bn' | 'hi', Record<string, { name: string; short: string }>> = {
  bn: {
    bdo: { name: 'ব্লক উন্নয়ন আধিকারিক (BDO)', short: 'বিডিও' },
    'gram-panchayat': { name: 'গ্রাম পঞ্চায়েত', short: 'পঞ্চায়েত' },
    police: { name: 'স্থানীয় থানা', short: 'পুলিশ' },
    asha: { name: 'আশা কর্মী', short: 'আশা' },
    anganwadi: { name: 'অঙ্গনওয়াড়ি কর্মী', short: 'অঙ্গনওয়াড়ি' },
    vlcpc: { name: 'গ্রাম স্তরের শিশু সুরক্ষা কমিটি', short: 'ভিএলসিপিসি' },
    childline: { name: 'চাইল্ডলাইন (1098)', short: 'চাইল্ডলাইন' },
  },
  hi: {
    bdo: { name: 'खंड विकास अधिकारी (BDO)', short: 'बीडीओ' },
    'gram-panchayat': { name: 'ग्राम पंचायत', short: 'पंचायत' },
    police: { name: 'स्थानीय थाना', short: 'पुलिस' },
    asha: { name: 'आशा कार्यकर्ता', short: 'आशा' },
    anganwadi: { name: 'आंगनवाड़ी कार्यकर्ता', short: 'आंगनवाड़ी' },
    vlcpc: { name: 'ग्राम स्तरीय बाल संरक्षण समिति', short: 'वीएलसीपीसी' },
    childline: { name: 'चाइल्डलाइन (1098)', short: 'चाइल्डलाइन' },
  },
};

const OWN_WORDS = {
  bn: {
    title: 'পাচার প্রতিরোধ: দুই জেলার দায়িত্বপ্রাপ্তরা',
    axes: { power: 'পাচার প্রতিরোধে ক্ষমতা ও প্রভাব', interest: 'পাচার প্রতিরোধে আগ্রহ ও সম্পৃক্ততা' },
    cohorts: { survivors: 'সারভাইভার', 'social-workers': 'মাঠকর্মী', 'duty-bearers': 'দায়িত্বপ্রাপ্ত কর্তৃপক্ষ', financiers: 'অর্থদাতা' } as Record<string, string>,
    rounds: { baseline: 'বেসলাইন', endline: 'এন্ডলাইন' } as Record<string, string>,
  },
  hi: {
    title: 'तस्करी की रोकथाम: दो ज़िलों के ज़िम्मेदार',
    axes: { power: 'तस्करी रोकने की शक्ति और प्रभाव', interest: 'तस्करी रोकने में रुचि और भागीदारी' },
    cohorts: { survivors: 'सर्वाइवर', 'social-workers': 'फ़ील्ड कार्यकर्ता', 'duty-bearers': 'ज़िम्मेदार अधिकारी', financiers: 'दानदाता' } as Record<string, string>,
    rounds: { baseline: 'बेसलाइन', endline: 'एंडलाइन' } as Record<string, string>,
  },
};

/**
 * The realistic study as a group working in Bengali or Hindi would have it: title, axes,
 * cohorts and rounds in its own words, and bn and hi labels on seven of the library's
 * stakeholders (the others keep only their English names, even once the library has labels).
 */
export function labelledStudy(lang: 'bn' | 'hi'): Study {
  const base = exportStudy();
  const words = OWN_WORDS[lang];
  return {
    ...base,
    title: words.title,
    axes: { ...base.axes, ...words.axes },
    cohorts: base.cohorts.map((c) => ({ ...c, name: words.cohorts[c.id] ?? c.name })),
    rounds: base.rounds.map((r) => ({ ...r, name: words.rounds[r.id] ?? r.name })),
    // Labels from this fixture only, whatever the shipped library carries, so the fallback is tested.
    stakeholders: base.stakeholders.map((s) => ({ ...s, labels: LABELS.bn[s.id] ? { bn: LABELS.bn[s.id]!, hi: LABELS.hi[s.id]! } : {} })),
  };
}

/** Write a study folder as the app lays it out (`<data>/<id>/study.json`, `sessions/<id>.json`), for the CLI to open. */
export function writeStudyFolder(dataDir: string, study: Study, sessions: readonly Session[]): void {
  const dir = join(dataDir, study.id);
  mkdirSync(join(dir, 'sessions'), { recursive: true });
  writeFileSync(join(dir, 'study.json'), JSON.stringify(study, null, 2));
  for (const s of sessions) writeFileSync(join(dir, 'sessions', `${s.id}.json`), JSON.stringify(s, null, 2));
}
