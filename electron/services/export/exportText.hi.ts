import type { ExportText } from '../../../shared/export/exportText';

/**
 * The Hindi words of every export (pictures, the printed report and its methods note),
 * for the host and the CLI. Written for trainers and NGO teams across India: the words
 * they use in the field (सत्र, वर्ग, हितधारक, ज़िम्मेदार संस्थाएँ), with the statistical
 * term in English beside the Hindi one where a researcher will look for it. "Minority
 * position" is अल्पमत (the smaller side of a view, as the editor says), never
 * अल्पसंख्यक, which names a religious minority.
 * Numbers stay in Latin digits and dates in ISO form, as in every file the app writes.
 * Same keys and placeholders as englishText.ts; a test checks they match.
 */
export const HINDI_EXPORT_TEXT: ExportText = {
  zones: {
    hp_hi: 'अधिक शक्ति, अधिक रुचि',
    hp_li: 'अधिक शक्ति, कम रुचि',
    lp_hi: 'कम शक्ति, अधिक रुचि',
    lp_li: 'कम शक्ति, कम रुचि',
  },
  zoneRoles: {
    hp_hi: 'मुख्य भागीदार: मिलकर काम करें',
    hp_li: 'जवाबदेही की कमी',
    lp_hi: 'सहयोगी जिन्हें मज़बूत करना है',
    lp_li: 'नज़र रखें',
  },
  map: {
    session: 'सत्र {{code}}',
    cohort: 'वर्ग: {{cohort}}',
    round: 'चरण: {{round}}',
    date: 'तारीख़: {{date}}',
    low: 'कम',
    high: 'अधिक',
    midline: 'मध्य रेखा: शक्ति {{power}}, रुचि {{interest}}',
    legend: 'चिह्नों का अर्थ',
    chipMain: 'जहाँ समूह ने रखा',
    chipAlt: 'अल्पमत की स्थिति (विवादित)',
    unknown: 'समूह इन्हें नहीं जानता',
    notDiscussed: 'चर्चा नहीं हुई',
    notYetPlaced: 'अभी रखे नहीं गए',
    none: 'कोई नहीं',
    key: 'छोटे नाम',
    notes: 'टिप्पणियाँ और उद्धरण',
    sessionNotes: 'सत्र की टिप्पणियाँ',
    contestedNote: 'विवादित: अल्पमत की स्थिति शक्ति {{power}}, रुचि {{interest}}',
    redacted: 'टिप्पणियाँ और उद्धरण शामिल नहीं किए गए।',
  },
  compare: {
    title: 'तुलना: {{selection}}',
    sessionsCount: '{{sessions}} सत्र',
    focus: 'हितधारक: {{name}}',
    cohortN: '{{cohort}} (n = {{n}})',
    cohorts: 'वर्ग',
    mark: 'छोटा निशान: एक सत्र ने जहाँ रखा',
    centroid: 'बड़ा निशान: वर्ग की औसत स्थिति (केंद्रक)',
    ellipse: 'दीर्घवृत्त: एक मानक विचलन (जिन वर्गों में 3 या ज़्यादा सत्र हैं)',
    arrow: 'तीर: {{from}} के केंद्रक से हर दूसरे वर्ग के केंद्रक की ओर',
    sessionsNotIndividuals: 'हर निशान एक सत्र है (एक समूह चर्चा या एक साक्षात्कार), कोई एक व्यक्ति नहीं।',
    noPlacements: 'किसी सत्र ने इस हितधारक को ग्रिड पर नहीं रखा।',
  },
  report: {
    documentTitle: 'रिपोर्ट: {{title}}',
    subtitle: 'तस्करी की रोकथाम में ज़िम्मेदार संस्थाओं की शक्ति और रुचि का नक्शा',
    generated: '{{date}} को Power–Interest Mapper {{version}} से बनाई गई',
    scope: '{{sessions}} सत्र, {{stakeholders}} हितधारक, {{cohorts}} वर्ग',
    contents: 'विषय-सूची',
    methods: 'पद्धति का विवरण',
    methodsIntro:
      'हर सत्र एक फ़ोकस समूह चर्चा (FGD) या एक साक्षात्कार है। समूह ने हर हितधारक पर चर्चा की और आपसी सहमति से तय किया कि शक्ति–रुचि ग्रिड पर उसे कहाँ रखा जाए; दोनों अक्ष 0 (सबसे कम) से 10 (सबसे ज़्यादा) तक हैं। जिस हितधारक को समूह नहीं जानता था, उसे ‘अज्ञात’ और जिस पर बात नहीं हो पाई, उसे ‘चर्चा नहीं हुई’ दर्ज किया गया है; नीचे दी गई स्थितियों में सिर्फ़ ग्रिड पर रखे गए हितधारक गिने गए हैं। जहाँ समूह सहमत नहीं हो सका, वहाँ स्थिति को ‘विवादित’ चिह्नित किया गया है और अल्पमत की स्थिति भी रखी गई है; आँकड़ों में मुख्य स्थिति ही ली गई है।',
    axesHeading: 'अक्ष और क्षेत्र',
    axisPower: 'खड़ा अक्ष (शक्ति): {{power}}',
    axisInterest: 'आड़ा अक्ष (रुचि): {{interest}}',
    midline: 'क्षेत्र शक्ति के अक्ष पर {{power}} और रुचि के अक्ष पर {{interest}} पर बँटते हैं; ठीक मध्य रेखा पर पड़ने वाला मान ‘अधिक’ माना जाता है।',
    cohortsHeading: 'इस रिपोर्ट के वर्ग और सत्र',
    cohortColumn: 'वर्ग',
    sessionsColumn: 'सत्र',
    roundsHeading: 'चरण',
    rounds: 'चरण: {{rounds}}',
    noRounds: 'सत्रों का कोई चरण नहीं है।',
    statisticsHeading: 'इस्तेमाल किए गए आँकड़े',
    statistics: [
      { term: 'n', definition: 'उन सत्रों की संख्या जिन्होंने हितधारक को ग्रिड पर रखा; ‘अज्ञात’ और ‘चर्चा नहीं हुई’ अलग से गिने जाते हैं।' },
      { term: 'केंद्रक (centroid)', definition: 'जिन सत्रों ने हितधारक को रखा, उनके शक्ति के मानों और रुचि के मानों का साधारण (अंकगणितीय) औसत।' },
      { term: 'मानक विचलन (SD)', definition: 'हर अक्ष का नमूना मानक विचलन (n − 1 से भाग देकर); n < 2 होने पर नहीं दिया जाता।' },
      {
        term: 'सहमति (agreement)',
        definition:
          '1 − (शक्ति का प्रसरण + रुचि का प्रसरण) / (2 × 100/12), 0 से 1 के बीच सीमित; 100/12 उस स्थिति का प्रसरण (variance) है जो 0–10 पर बिना सोचे-समझे (यादृच्छिक) रखी गई हो। 1 का अर्थ है हर सत्र ने हितधारक को एक ही जगह रखा; 0 का अर्थ है यादृच्छिक रखने से ज़्यादा मेल नहीं।',
      },
      {
        term: 'प्रमुख क्षेत्र (modal zone)',
        definition:
          'वह क्षेत्र जिसे सबसे ज़्यादा सत्रों ने चुना, n में उसके हिस्से के साथ (बराबरी होने पर इस क्रम से: अधिक/अधिक, अधिक शक्ति/कम रुचि, कम शक्ति/अधिक रुचि, कम/कम)।',
      },
      {
        term: 'वर्गों के बीच प्रसरण',
        definition: 'हर वर्ग के केंद्रक की, सभी केंद्रकों के भाररहित (unweighted) औसत से दूरी के वर्गों का योग, (वर्गों की संख्या − 1) से भाग देकर।',
      },
      {
        term: 'क्रमचय परीक्षण (permutation test)',
        definition:
          'यूक्लिडीय दूरियों पर PERMANOVA: pseudo-F = [SS between / (K − 1)] / [SS within / (N − K)]; जिन N सत्रों ने हितधारक को रखा, उनके बीच वर्गों के नाम यादृच्छिक रूप से फेरबदल किए जाते हैं, और p = (1 + ऐसे फेरबदलों की संख्या जिनमें F देखे गए F के बराबर या उससे ज़्यादा हो) / (1 + कुल फेरबदलों की संख्या)। R-squared = SS between / SS total।',
      },
      { term: 'परीक्षण योग्य', definition: 'कम से कम दो वर्ग, जिनमें से हर एक में 3 या ज़्यादा सत्र हों; वरना कोई p-मान नहीं दिया जाता, सिर्फ़ बिंदु और केंद्रक दिखाए जाते हैं।' },
      { term: 'q-मान', definition: 'इस रिपोर्ट के परीक्षण योग्य हितधारकों के p-मानों का Benjamini–Hochberg समायोजन।' },
      { term: 'क्षेत्र पर सहमति', definition: 'हर वर्ग का प्रमुख क्षेत्र एक ही है, और सभी स्थितियों में से कम से कम 75% उसी क्षेत्र में हैं।' },
      { term: 'स्पष्ट मतभेद', definition: 'परीक्षण योग्य, और q < 0.05।' },
      {
        term: 'क्रिपेनडॉर्फ़ का अल्फ़ा (Krippendorff’s alpha)',
        definition: 'हर अक्ष का interval अल्फ़ा: सत्रों को आकलनकर्ता (coder) और हितधारकों को इकाई (unit) माना जाता है; किसी सत्र में कुछ स्थितियाँ न हों तब भी गणना होती है।',
      },
    ],
    permutations: 'क्रमचय (permutation): {{permutations}}; यादृच्छिक संख्याओं का सीड (seed): {{seed}}। वही आँकड़े, उतने ही क्रमचय और वही सीड हों तो हर संख्या हूबहू वही आती है।',
    sessionsNotIndividuals: 'गिनती सत्रों की है, व्यक्तियों की नहीं: एक समूह चर्चा एक ही बार गिनी जाती है, उसमें कितने भी लोग रहे हों।',
    exploratory: 'p-मान अन्वेषणात्मक (exploratory) हैं: ये सिर्फ़ इन सत्रों के बारे में बताते हैं, किसी आबादी का सर्वेक्षण नहीं हैं।',
    redactedNote: 'इस रिपोर्ट में टिप्पणियाँ और उद्धरण शामिल नहीं किए गए।',
    sessionMaps: 'सत्रों के नक्शे',
    compareViews: 'हर हितधारक की तुलना',
    divergence: 'मतभेद की तालिका',
    divergenceIntro:
      'हर हितधारक के लिए एक पंक्ति, वर्गों के बीच प्रसरण के क्रम में, सबसे ज़्यादा पहले। हर वर्ग के कॉलम में उस वर्ग का केंद्रक (शक्ति, रुचि) और उसका n है।',
    columns: {
      stakeholder: 'हितधारक',
      n: 'n',
      centroids: 'शक्ति, रुचि (n)',
      modalZone: 'प्रमुख क्षेत्र (हिस्सा)',
      agreement: 'सहमति',
      betweenVariance: 'वर्गों के बीच प्रसरण',
      p: 'p (अन्वेषणात्मक)',
      q: 'q',
      consensus: 'क्षेत्र पर सहमति',
      divergent: 'स्पष्ट मतभेद',
      unknown: 'अज्ञात',
    },
    yes: 'हाँ',
    no: 'नहीं',
    notTestable: 'परीक्षण योग्य नहीं: {{why}}',
    notTestableReasons: {
      fewer_than_two_cohorts_with_3: '3 सत्रों वाले वर्ग दो से कम हैं',
      all_at_one_point: 'हर सत्र ने इसे एक ही जगह रखा',
      same_group_in_several_rounds: 'एक ही समूह कई चरणों में गिना गया है; एक चरण चुनें',
    },
    alpha: 'पूरे नक्शे पर सहमति, क्रिपेनडॉर्फ़ का अल्फ़ा (interval): शक्ति {{power}}, रुचि {{interest}}।',
    notAvailable: '–',
    salienceHeading: 'जानकारी का अंतर',
    salienceGap: '{{stakeholder}}: {{placedBy}} ने ग्रिड पर रखा, {{unknownTo}} के लिए अज्ञात।',
    dictionary: 'डेटा शब्दकोश (CSV)',
    dictionaryIntro:
      'CSV फ़ाइल में हर सत्र और हितधारक के लिए एक पंक्ति है; फ़ाइल UTF-8 में है, शुरुआत में byte-order mark के साथ, ताकि स्प्रेडशीट में बांग्ला और हिंदी सही दिखें। कॉलम:',
    csvColumns: {
      study: 'अध्ययन का शीर्षक।',
      session: 'सत्र का कोड, जैसे “FGD 3”। सत्र कोड से पहचाने जाते हैं, प्रतिभागियों के नाम कभी नहीं लिखे जाते।',
      cohort: 'वह वर्ग जिसका यह सत्र है।',
      round: 'चरण (जैसे बेसलाइन, एंडलाइन); बिना चरणों वाले अध्ययन में ख़ाली।',
      stakeholder: 'हितधारक का नाम।',
      status: 'placed (ग्रिड पर रखा), unknown (समूह नहीं जानता) या not_discussed (चर्चा नहीं हुई)।',
      power: 'शक्ति और प्रभाव, 0–10; ग्रिड पर न रखा हो तो ख़ाली।',
      interest: 'रुचि और भागीदारी, 0–10; ग्रिड पर न रखा हो तो ख़ाली।',
      contested: 'जब समूह स्थिति पर सहमत नहीं हो सका, तब true।',
      alt_power: 'विवादित स्थिति में अल्पमत की शक्ति, 0–10।',
      alt_interest: 'विवादित स्थिति में अल्पमत की रुचि, 0–10।',
      note: 'स्थिति के साथ दर्ज कारण या उद्धरण; टिप्पणियाँ छोड़ दी गई हों तो ख़ाली।',
    },
    notesHeading: 'टिप्पणियाँ और उद्धरण',
  },
};
