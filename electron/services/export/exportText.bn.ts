import type { ExportText } from '../../../shared/export/exportText';

/**
 * The Bengali words of every export (pictures, the printed report and its methods note),
 * for the host and the CLI. Written for facilitators and survivor collectives in West
 * Bengal: the words NGO workers use (সেশন, দল, অংশীজন, ক্ষেত্র), with the statistical term in
 * English beside the Bengali one where a researcher will look for it. "Minority position"
 * is ভিন্নমত, never সংখ্যালঘু, which in India names a religious minority.
 * Numbers stay in Latin digits and dates in ISO form, as in every file the app writes.
 * Same keys and placeholders as englishText.ts; a test checks they match.
 */
export const BENGALI_EXPORT_TEXT: ExportText = {
  zones: {
    hp_hi: 'বেশি ক্ষমতা, বেশি আগ্রহ',
    hp_li: 'বেশি ক্ষমতা, কম আগ্রহ',
    lp_hi: 'কম ক্ষমতা, বেশি আগ্রহ',
    lp_li: 'কম ক্ষমতা, কম আগ্রহ',
  },
  zoneRoles: {
    hp_hi: 'মূল ভূমিকায়: একসঙ্গে কাজ করুন',
    hp_li: 'জবাবদিহির ঘাটতি',
    lp_hi: 'যে সহযোগীদের শক্তি বাড়াতে হবে',
    lp_li: 'নজরে রাখুন',
  },
  map: {
    session: 'সেশন {{code}}',
    cohort: 'দল: {{cohort}}',
    round: 'পর্ব: {{round}}',
    date: 'তারিখ: {{date}}',
    low: 'কম',
    high: 'বেশি',
    midline: 'মধ্যরেখা: ক্ষমতা {{power}}, আগ্রহ {{interest}}',
    legend: 'চিহ্নের মানে',
    chipMain: 'দল যেখানে বসিয়েছে',
    chipAlt: 'ভিন্নমতের অবস্থান (মতভেদ)',
    unknown: 'দলের অজানা',
    notDiscussed: 'আলোচনা হয়নি',
    notYetPlaced: 'এখনও বসানো হয়নি',
    none: 'কেউ নেই',
    key: 'সংক্ষিপ্ত নাম',
    notes: 'মন্তব্য ও উদ্ধৃতি',
    sessionNotes: 'সেশনের মন্তব্য',
    contestedNote: 'মতভেদ: ভিন্নমতের অবস্থান ক্ষমতা {{power}}, আগ্রহ {{interest}}',
    redacted: 'মন্তব্য ও উদ্ধৃতি বাদ রাখা হয়েছে।',
  },
  compare: {
    title: 'তুলনা: {{selection}}',
    sessionsCount: '{{sessions}}টি সেশন',
    focus: 'অংশীজন: {{name}}',
    cohortN: '{{cohort}} (n = {{n}})',
    cohorts: 'দল',
    mark: 'ছোট চিহ্ন: একটি সেশন যেখানে বসিয়েছে',
    centroid: 'বড় চিহ্ন: দলের গড় অবস্থান (কেন্দ্রবিন্দু)',
    ellipse: 'উপবৃত্ত: এক আদর্শ বিচ্যুতি (যে দলে 3 বা তার বেশি সেশন)',
    arrow: 'তীর: {{from}}-এর কেন্দ্রবিন্দু থেকে অন্য প্রতিটি দলের কেন্দ্রবিন্দুর দিকে',
    sessionsNotIndividuals: 'প্রতিটি চিহ্ন একটি সেশন (একটি দলগত আলোচনা বা একটি সাক্ষাৎকার), কোনো একজন মানুষ নয়।',
    noPlacements: 'কোনো সেশন এই অংশীজনকে ছকে বসায়নি।',
  },
  report: {
    documentTitle: 'রিপোর্ট: {{title}}',
    subtitle: 'পাচার প্রতিরোধে দায়িত্বপ্রাপ্তদের ক্ষমতা ও আগ্রহের মানচিত্র',
    generated: '{{date}} তারিখে Power–Interest Mapper {{version}} দিয়ে তৈরি',
    scope: '{{sessions}}টি সেশন, {{stakeholders}} জন অংশীজন, {{cohorts}}টি দল',
    contents: 'সূচিপত্র',
    methods: 'পদ্ধতির বিবরণ',
    methodsIntro:
      'প্রতিটি সেশন মানে একটি দলগত আলোচনা (FGD) বা একটি সাক্ষাৎকার। অংশগ্রহণকারীরা প্রত্যেক অংশীজনকে নিয়ে আলোচনা করে একমত হয়েছেন, ক্ষমতা–আগ্রহের ছকে তাকে কোথায় বসানো হবে; দুটি অক্ষই 0 (সবচেয়ে কম) থেকে 10 (সবচেয়ে বেশি) পর্যন্ত। যে অংশীজনকে দল চেনে না তাকে ‘অজানা’, আর যার কথা আলোচনায় ওঠেনি তাকে ‘আলোচনা হয়নি’ হিসেবে লেখা হয়েছে; নিচের অবস্থানগুলোতে শুধু ছকে বসানো অংশীজনদেরই ধরা হয়েছে। যেখানে দল একমত হতে পারেনি, সেখানে অবস্থানটিকে ‘মতভেদ’ বলে চিহ্নিত করে ভিন্নমতের অবস্থানটিও রাখা হয়েছে; পরিসংখ্যানে মূল অবস্থানটিই ব্যবহার করা হয়েছে।',
    axesHeading: 'অক্ষ ও ক্ষেত্র',
    axisPower: 'খাড়া অক্ষ (ক্ষমতা): {{power}}',
    axisInterest: 'আড়াআড়ি অক্ষ (আগ্রহ): {{interest}}',
    midline: 'ক্ষমতার অক্ষে {{power}} আর আগ্রহের অক্ষে {{interest}}-এ ক্ষেত্রগুলো ভাগ করা হয়েছে; ঠিক মধ্যরেখার ওপরের মান ‘বেশি’ বলে ধরা হয়।',
    cohortsHeading: 'এই রিপোর্টের দল ও সেশন',
    cohortColumn: 'দল',
    sessionsColumn: 'সেশন',
    roundsHeading: 'পর্ব',
    rounds: 'পর্ব: {{rounds}}',
    noRounds: 'সেশনগুলোর কোনো পর্ব নেই।',
    statisticsHeading: 'যে পরিসংখ্যান ব্যবহার করা হয়েছে',
    statistics: [
      { term: 'n', definition: 'যতগুলো সেশন অংশীজনটিকে ছকে বসিয়েছে তার সংখ্যা; ‘অজানা’ ও ‘আলোচনা হয়নি’ আলাদা করে গোনা হয়।' },
      { term: 'কেন্দ্রবিন্দু (centroid)', definition: 'যে সেশনগুলো অংশীজনটিকে বসিয়েছে, সেগুলোর ক্ষমতার মান ও আগ্রহের মানের সাধারণ (গাণিতিক) গড়।' },
      { term: 'আদর্শ বিচ্যুতি (SD)', definition: 'প্রতিটি অক্ষের নমুনা আদর্শ বিচ্যুতি (n − 1 দিয়ে ভাগ করে); n < 2 হলে দেওয়া হয় না।' },
      {
        term: 'ঐকমত্য (agreement)',
        definition:
          '1 − (ক্ষমতার ভেদাঙ্ক + আগ্রহের ভেদাঙ্ক) / (2 × 100/12), 0 থেকে 1-এর মধ্যে সীমিত; 100/12 হল 0–10-এর মধ্যে এলোমেলোভাবে বসানো একটি অবস্থানের ভেদাঙ্ক (variance)। 1 মানে প্রতিটি সেশন অংশীজনটিকে একই জায়গায় বসিয়েছে; 0 মানে এলোমেলোভাবে বসানোর চেয়ে বেশি মিল নেই।',
      },
      {
        term: 'প্রধান ক্ষেত্র (modal zone)',
        definition:
          'যে ক্ষেত্র সবচেয়ে বেশি সেশন বেছেছে, n-এর মধ্যে তার ভাগসহ (সমান হলে এই ক্রমে বাছা হয়: বেশি/বেশি, বেশি ক্ষমতা/কম আগ্রহ, কম ক্ষমতা/বেশি আগ্রহ, কম/কম)।',
      },
      {
        term: 'দলগুলোর মধ্যে ভেদাঙ্ক',
        definition: 'প্রতিটি দলের কেন্দ্রবিন্দু থেকে সব কেন্দ্রবিন্দুর ওজনহীন (unweighted) গড়ের দূরত্বের বর্গের যোগফল, (দলের সংখ্যা − 1) দিয়ে ভাগ করা।',
      },
      {
        term: 'বিন্যাস পরীক্ষা (permutation test)',
        definition:
          'ইউক্লিডীয় দূরত্বের ওপর PERMANOVA: pseudo-F = [SS between / (K − 1)] / [SS within / (N − K)]; যে N-টি সেশন অংশীজনটিকে বসিয়েছে, তাদের মধ্যে দলের পরিচয় এলোমেলোভাবে অদলবদল করা হয়, এবং p = (1 + যতবার অদলবদলে পাওয়া F পর্যবেক্ষিত F-এর সমান বা বেশি) / (1 + মোট অদলবদলের সংখ্যা)। R-squared = SS between / SS total।',
      },
      { term: 'পরীক্ষাযোগ্য', definition: 'অন্তত দুটি দলের প্রতিটিতে 3 বা তার বেশি সেশন; তা না হলে কোনো p-মান দেওয়া হয় না, শুধু বিন্দু আর কেন্দ্রবিন্দু দেখানো হয়।' },
      { term: 'q-মান', definition: 'এই রিপোর্টের পরীক্ষাযোগ্য অংশীজনদের p-মানগুলোর Benjamini–Hochberg সংশোধন।' },
      { term: 'একই ক্ষেত্রে ঐকমত্য', definition: 'প্রতিটি দলের প্রধান ক্ষেত্র একই, এবং সব অবস্থানের অন্তত 75% সেই ক্ষেত্রে।' },
      { term: 'স্পষ্ট মতপার্থক্য', definition: 'পরীক্ষাযোগ্য, এবং q < 0.05।' },
      {
        term: 'ক্রিপেনডর্ফের আলফা (Krippendorff’s alpha)',
        definition: 'প্রতিটি অক্ষের interval আলফা: সেশনগুলোকে মূল্যায়নকারী (coder) আর অংশীজনদের একক (unit) ধরা হয়; কোনো সেশনে কিছু অবস্থান না থাকলেও হিসাব চলে।',
      },
    ],
    permutations: 'বিন্যাস (permutation): {{permutations}}টি; এলোমেলো সংখ্যার সিড (seed): {{seed}}। একই তথ্য, একই সংখ্যক বিন্যাস আর একই সিডে সব সংখ্যা হুবহু এক আসে।',
    sessionsNotIndividuals: 'গণনা সেশনের, মানুষের নয়: একটি দলগত আলোচনা একবারই গোনা হয়, তাতে যতজনই থাকুন।',
    exploratory: 'p-মানগুলো অনুসন্ধানমূলক: এগুলো শুধু এই সেশনগুলোর কথা বলে, কোনো জনসমষ্টির সমীক্ষা নয়।',
    redactedNote: 'এই রিপোর্টে মন্তব্য ও উদ্ধৃতি বাদ রাখা হয়েছে।',
    sessionMaps: 'সেশনের মানচিত্র',
    compareViews: 'প্রতিটি অংশীজনের তুলনা',
    divergence: 'মতপার্থক্যের সারণি',
    divergenceIntro:
      'প্রতিটি অংশীজনের জন্য একটি সারি, দলগুলোর মধ্যে ভেদাঙ্ক অনুযায়ী সাজানো, সবচেয়ে বেশি আগে। প্রতিটি দলের কলামে সেই দলের কেন্দ্রবিন্দু (ক্ষমতা, আগ্রহ) আর তার n।',
    columns: {
      stakeholder: 'অংশীজন',
      n: 'n',
      centroids: 'ক্ষমতা, আগ্রহ (n)',
      modalZone: 'প্রধান ক্ষেত্র (ভাগ)',
      agreement: 'ঐকমত্য',
      betweenVariance: 'দলগুলোর মধ্যে ভেদাঙ্ক',
      p: 'p (অনুসন্ধানমূলক)',
      q: 'q',
      consensus: 'একই ক্ষেত্রে ঐকমত্য',
      divergent: 'স্পষ্ট মতপার্থক্য',
      unknown: 'অজানা',
    },
    yes: 'হ্যাঁ',
    no: 'না',
    notTestable: 'পরীক্ষাযোগ্য নয়: {{why}}',
    notTestableReasons: {
      fewer_than_two_cohorts_with_3: '3টি সেশন আছে এমন দল দুটির কম',
      all_at_one_point: 'প্রতিটি সেশন একে একই জায়গায় বসিয়েছে',
      same_group_in_several_rounds: 'একই দল একাধিক পর্বে গোনা হয়েছে; একটি পর্ব বেছে নিন',
    },
    alpha: 'গোটা মানচিত্র জুড়ে ঐকমত্য, ক্রিপেনডর্ফের আলফা (interval): ক্ষমতা {{power}}, আগ্রহ {{interest}}।',
    notAvailable: '–',
    salienceHeading: 'চেনা-অচেনার ফারাক',
    salienceGap: '{{stakeholder}}: {{placedBy}} ছকে বসিয়েছে, {{unknownTo}}-এর কাছে অজানা।',
    dictionary: 'তথ্যের অভিধান (CSV)',
    dictionaryIntro:
      'CSV ফাইলে প্রতিটি সেশন ও অংশীজনের জন্য একটি সারি; ফাইলটি UTF-8, শুরুতে byte-order mark সহ, যাতে স্প্রেডশিটে বাংলা ও হিন্দি ঠিকঠাক দেখায়। কলাম:',
    csvColumns: {
      study: 'স্টাডির শিরোনাম।',
      session: 'সেশনের কোড, যেমন “FGD 3”। সেশন কোডে চেনা যায়, অংশগ্রহণকারীদের নাম কখনও লেখা হয় না।',
      cohort: 'সেশনটি যে দলের।',
      round: 'পর্ব (যেমন বেসলাইন, এন্ডলাইন); পর্বহীন স্টাডিতে ফাঁকা।',
      stakeholder: 'অংশীজনের নাম।',
      status: 'placed (ছকে বসানো), unknown (দল চেনে না) বা not_discussed (আলোচনা হয়নি)।',
      power: 'ক্ষমতা ও প্রভাব, 0–10; ছকে না বসালে ফাঁকা।',
      interest: 'আগ্রহ ও সম্পৃক্ততা, 0–10; ছকে না বসালে ফাঁকা।',
      contested: 'দল অবস্থান নিয়ে একমত হতে না পারলে true।',
      alt_power: 'মতভেদ থাকলে ভিন্নমতের অবস্থানের ক্ষমতা, 0–10।',
      alt_interest: 'মতভেদ থাকলে ভিন্নমতের অবস্থানের আগ্রহ, 0–10।',
      note: 'অবস্থানের সঙ্গে লেখা কারণ বা উদ্ধৃতি; মন্তব্য বাদ রাখলে ফাঁকা।',
    },
    notesHeading: 'মন্তব্য ও উদ্ধৃতি',
  },
};
