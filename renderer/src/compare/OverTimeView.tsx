import type Konva from 'konva';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Layer, Rect, Shape, Stage, Text } from 'react-konva';
import type { OverTime, Shift, StakeholderShift, TransitionTable } from '../../../shared/analysis/overTime';
import type { Position } from '../../../shared/model/position';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { ZONE_IDS, type ZoneId } from '../../../shared/model/zones';
import { layoutChipLabels } from '../../../shared/ops/chipLayout';
import { CANVAS_FONT_FAMILY, measureText } from '../editor/canvasText';
import { squarePlotFrame, toPixels } from '../../../shared/scene/frame';
import { CohortMarker } from '../studies/CohortMarker';
import { formatCount, formatValue } from './format';
import { GridBackground, type GridText } from './GridBackground';
import { addMarkPath } from './markShapes';

function mean(points: readonly Position[]): Position | null {
  if (points.length === 0) return null;
  return { power: points.reduce((a, p) => a + p.power, 0) / points.length, interest: points.reduce((a, p) => a + p.interest, 0) / points.length };
}

/** Where the pairs put a stakeholder in each round, on average. */
export function roundMeans(st: StakeholderShift): { from: Position; to: Position } | null {
  const from = mean(st.shifts.map((s) => s.from));
  const to = mean(st.shifts.map((s) => s.to));
  return from && to ? { from, to } : null;
}

function drawArrow(ctx: CanvasRenderingContext2D, a: { x: number; y: number }, b: { x: number; y: number }, head: number): void {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  if (len < 1) return;
  const ux = dx / len;
  const uy = dy / len;
  const h = Math.min(head, len * 0.6);
  ctx.moveTo(b.x, b.y);
  ctx.lineTo(b.x - ux * h - uy * h * 0.55, b.y - uy * h + ux * h * 0.55);
  ctx.moveTo(b.x, b.y);
  ctx.lineTo(b.x - ux * h + uy * h * 0.55, b.y - uy * h - ux * h * 0.55);
}

function OverTimeCanvas({
  study,
  overTime,
  focusId,
  language,
  s,
  text,
}: {
  study: Study;
  overTime: OverTime;
  focusId: string | null;
  language: Language;
  s: number;
  text: GridText & { mapLabel: string };
}) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const update = () => setWidth(el.clientWidth);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // A square plot, as on the compare grid.
  const stageW = Math.max(300, width);
  const { frame, stageHeight: stageH } = useMemo(() => squarePlotFrame(stageW, s), [stageW, s]);
  const looks = useMemo(() => new Map(study.cohorts.map((c) => [c.id, c])), [study]);

  const arrows = useMemo(
    () =>
      overTime.stakeholders
        .map((st) => ({ st, means: roundMeans(st) }))
        .filter((x): x is { st: StakeholderShift; means: { from: Position; to: Position } } => x.means !== null)
        .map(({ st, means }) => ({ st, from: toPixels(means.from, frame), to: toPixels(means.to, frame) })),
    [overTime, frame],
  );
  const focused = focusId ? overTime.stakeholders.find((st) => st.id === focusId) : undefined;

  const draw = useCallback(
    (con: Konva.Context) => {
      const ctx = con._context;
      ctx.save();
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      // Every stakeholder's mean movement; dimmed when one is focused.
      ctx.globalAlpha = focused ? 0.2 : 0.9;
      ctx.beginPath();
      for (const a of arrows) if (a.st !== focused) drawArrow(ctx, a.from, a.to, 8 * s);
      ctx.strokeStyle = '#1f2328';
      ctx.lineWidth = 1.8 * s;
      ctx.stroke();
      ctx.beginPath();
      for (const a of arrows) {
        if (a.st === focused) continue;
        ctx.moveTo(a.from.x + 3 * s, a.from.y);
        ctx.arc(a.from.x, a.from.y, 3 * s, 0, Math.PI * 2);
      }
      ctx.fillStyle = '#ffffff';
      ctx.fill();
      ctx.stroke();
      ctx.globalAlpha = 1;
      if (focused) {
        // Each pair's movement in its cohort's colour, then the mean on top.
        const byCohort = new Map<string, Shift[]>();
        for (const sh of focused.shifts) byCohort.set(sh.cohortId, [...(byCohort.get(sh.cohortId) ?? []), sh]);
        for (const [cohortId, shifts] of byCohort) {
          const look = looks.get(cohortId);
          ctx.beginPath();
          for (const sh of shifts) drawArrow(ctx, toPixels(sh.from, frame), toPixels(sh.to, frame), 6 * s);
          ctx.strokeStyle = look?.colour ?? '#6e7781';
          ctx.globalAlpha = 0.75;
          ctx.lineWidth = 1.4 * s;
          ctx.stroke();
          ctx.globalAlpha = 0.9;
          ctx.beginPath();
          for (const sh of shifts) {
            const p = toPixels(sh.from, frame);
            addMarkPath(ctx, look?.shape ?? 'circle', p.x, p.y, 3.4 * s);
          }
          ctx.fillStyle = look?.colour ?? '#6e7781';
          ctx.fill();
          ctx.strokeStyle = '#1f2328';
          ctx.lineWidth = 0.7 * s;
          ctx.stroke();
        }
        const a = arrows.find((x) => x.st === focused);
        if (a) {
          ctx.globalAlpha = 1;
          for (const pass of [
            { colour: '#ffffff', width: 7 * s },
            { colour: '#1f2328', width: 3 * s },
          ]) {
            ctx.beginPath();
            drawArrow(ctx, a.from, a.to, 12 * s);
            ctx.strokeStyle = pass.colour;
            ctx.lineWidth = pass.width;
            ctx.stroke();
          }
        }
      }
      ctx.restore();
    },
    [arrows, focused, frame, looks, s],
  );

  const labels = useMemo(() => {
    const font = 12.5 * s;
    const h = Math.round(font * 1.55);
    const pad = 5 * s;
    const shown = focused ? arrows.filter((a) => a.st === focused) : arrows;
    const items = shown.map((a) => {
      const full = study.stakeholders.find((x) => x.id === a.st.id);
      const label = full ? stakeholderLabel(full, language).short : a.st.name;
      return { id: a.st.id, x: a.to.x, y: a.to.y, text: label };
    });
    const laid = layoutChipLabels(
      items.map((it) => ({ id: it.id, x: it.x, y: it.y, labelWidth: Math.ceil(measureText(it.text, font, '600') + 2 * pad), labelHeight: h })),
      { markerRadius: 6 * s, bounds: { x: frame.left + 2, y: frame.top + 2, width: frame.width - 4, height: frame.height - 4 }, gap: 2 * s },
    );
    return items.map((it, i) => ({ ...it, box: laid[i]!.box, font, pad }));
  }, [arrows, focused, frame, language, s, study]);

  return (
    <div className="compare-canvas" ref={wrapRef}>
      <div className="compare-canvas__surface" role="img" aria-label={text.mapLabel}>
        {width > 0 ? (
          <Stage width={stageW} height={stageH} listening={false}>
            <GridBackground frame={frame} study={study} text={text} width={stageW} height={stageH} s={s} />
            <Layer listening={false}>
              <Shape sceneFunc={draw} perfectDrawEnabled={false} />
              {labels.map((l) => (
                <LabelBox key={l.id} label={l} s={s} />
              ))}
            </Layer>
          </Stage>
        ) : null}
      </div>
    </div>
  );
}

function LabelBox({ label, s }: { label: { text: string; box: { x: number; y: number; width: number; height: number }; font: number; pad: number }; s: number }) {
  const b = label.box;
  return (
    <>
      <Rect x={b.x} y={b.y} width={b.width} height={b.height} fill="#ffffff" opacity={0.92} stroke="#8c959f" strokeWidth={0.8 * s} cornerRadius={3 * s} perfectDrawEnabled={false} />
      <Text x={b.x + label.pad} y={b.y} height={b.height} verticalAlign="middle" text={label.text} fontSize={label.font} fontStyle="600" fontFamily={CANVAS_FONT_FAMILY} fill="#1f2328" />
    </>
  );
}

function sumTransitions(tables: readonly TransitionTable[]): TransitionTable {
  const out = {} as TransitionTable;
  for (const a of ZONE_IDS) {
    out[a] = { hp_hi: 0, hp_li: 0, lp_hi: 0, lp_li: 0 };
    for (const t of tables) for (const b of ZONE_IDS) out[a][b] += t[a][b];
  }
  return out;
}

/** A compact zone code ("HP·LI") that reads out as the zone's full name. */
function ZoneCode({ zone }: { zone: ZoneId }) {
  const { t } = useTranslation('compare');
  return (
    <>
      <span aria-hidden="true">{t(`zoneCode.${zone}`)}</span>
      <span className="visually-hidden">{t(`common:zones.${zone}`)}</span>
    </>
  );
}

function TransitionGrid({ table, caption }: { table: TransitionTable; caption: string }) {
  const { t, i18n } = useTranslation('compare');
  return (
    <table className="table transition-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">{t('overTime.fromTo')}</span>
            <span aria-hidden="true">{t('overTime.fromToShort')}</span>
          </th>
          {ZONE_IDS.map((z) => (
            <th key={z} scope="col" className="num">
              <ZoneCode zone={z} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ZONE_IDS.map((from) => (
          <tr key={from}>
            <th scope="row">
              <ZoneCode zone={from} />
            </th>
            {ZONE_IDS.map((to) => {
              const n = table[from][to];
              return (
                <td key={to} className={`num${from === to ? ' stay' : ''}${n === 0 ? ' zero' : ''}`}>
                  {formatCount(n, i18n.language)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Over time: sessions with the same code in two rounds form a pair. Arrows show where
 * the pairs put each stakeholder in the first round and in the second (their means);
 * focusing a stakeholder shows every pair's movement and the zone transitions per cohort.
 */
export function OverTimeView({
  study,
  overTime,
  focusId,
  language,
  textScale,
  gridText,
  roundOptions,
  roundPair,
  onRoundPair,
  nameOf,
  onFocus,
  roundFilterActive,
}: {
  study: Study;
  overTime: OverTime | null;
  focusId: string | null;
  language: Language;
  textScale: number;
  gridText: GridText;
  roundOptions: Array<{ id: string; name: string }>;
  roundPair: { fromRoundId: string; toRoundId: string } | null;
  onRoundPair(pair: { fromRoundId: string; toRoundId: string }): void;
  nameOf(id: string): string;
  onFocus(id: string | null): void;
  /** Some rounds are unticked in the filters: say that pairing uses the two rounds chosen here. */
  roundFilterActive: boolean;
}) {
  const { t, i18n } = useTranslation('compare');
  const lang = i18n.language;
  if (roundOptions.length < 2) return <p className="empty-state">{t('overTime.needTwoRounds')}</p>;
  const from = roundPair?.fromRoundId ?? overTime?.fromRoundId ?? roundOptions[0]!.id;
  const to = roundPair?.toRoundId ?? overTime?.toRoundId ?? roundOptions[1]!.id;
  const pickers = (
    <div className="round-pair">
      <label className="round-pair-field">
        <span>{t('overTime.from')}</span>
        <select className="select select-compact" value={from} onChange={(e) => onRoundPair({ fromRoundId: e.target.value, toRoundId: to === e.target.value ? from : to })}>
          {roundOptions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <label className="round-pair-field">
        <span>{t('overTime.to')}</span>
        <select className="select select-compact" value={to} onChange={(e) => onRoundPair({ fromRoundId: from === e.target.value ? to : from, toRoundId: e.target.value })}>
          {roundOptions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
  if (!overTime || overTime.pairs.length === 0) {
    return (
      <div className="over-time">
        {pickers}
        <p className="empty-state">{t('overTime.noPairs')}</p>
      </div>
    );
  }
  const focused = focusId ? overTime.stakeholders.find((st) => st.id === focusId) : undefined;
  const cohortIds = [...new Set(overTime.pairs.map((p) => p.cohortId))];
  const cohortOrder = (id: string) => study.cohorts.findIndex((c) => c.id === id);
  cohortIds.sort((a, b) => cohortOrder(a) - cohortOrder(b));
  const pairsOf = (cohortId: string) => overTime.pairs.filter((p) => p.cohortId === cohortId).length;

  return (
    <div className="over-time" data-testid="over-time">
      {pickers}
      <p className="section-intro">
        {t('overTime.intro', { count: overTime.pairs.length, from: overTime.from, to: overTime.to })}{' '}
        {overTime.unpairedSessionIds.length > 0 ? t('overTime.unpaired', { count: overTime.unpairedSessionIds.length }) : null}{' '}
        {overTime.ambiguousCodes.length > 0 ? t('overTime.ambiguous', { codes: overTime.ambiguousCodes.join(', ') }) : null}{' '}
        {roundFilterActive ? t('overTime.roundFilter') : null}
      </p>
      <div className="over-time-layout">
        <div className="over-time-grid">
          <OverTimeCanvas
            study={study}
            overTime={overTime}
            focusId={focusId}
            language={language}
            s={textScale}
            text={{ ...gridText, mapLabel: focused ? t('overTime.mapLabelFocused', { name: nameOf(focused.id), from: overTime.from, to: overTime.to }) : t('overTime.mapLabel', { from: overTime.from, to: overTime.to }) }}
          />
        </div>
        <div className="over-time-tables">
          <h2 className="compare-section-title">{focused ? t('overTime.transitionsFor', { name: nameOf(focused.id) }) : t('overTime.transitionsAll')}</h2>
          <p className="muted small">
            {focused ? t('overTime.transitionsHelp') : t('overTime.transitionsAllHelp')} {t('zoneCodeKey')}
          </p>
          <div className="transition-grid">
            {cohortIds.map((cid) => {
              const look = study.cohorts.find((c) => c.id === cid);
              const name = look?.name ?? cid;
              const tables = (focused ? [focused] : overTime.stakeholders).map((st) => st.cohorts.find((c) => c.id === cid)?.transitions).filter((x): x is TransitionTable => Boolean(x));
              const n = focused ? (focused.cohorts.find((c) => c.id === cid)?.n ?? 0) : tables.reduce((a, tb) => a + ZONE_IDS.reduce((b, z) => b + ZONE_IDS.reduce((c, z2) => c + tb[z][z2], 0), 0), 0);
              return (
                <div key={cid} className="transition-block" data-cohort={cid}>
                  <h3 className="transition-title">
                    {look ? <CohortMarker colour={look.colour} shape={look.shape} size={14} /> : null}
                    {name}
                    <span className="cohort-count">{t(focused ? 'overTime.pairsFocused' : 'overTime.pairsAll', { count: pairsOf(cid), pairs: formatCount(pairsOf(cid), lang), n: formatCount(n, lang) })}</span>
                  </h3>
                  <TransitionGrid table={sumTransitions(tables)} caption={t('overTime.transitionCaption', { cohort: name, from: overTime.from, to: overTime.to })} />
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <h2 className="compare-section-title">{t('overTime.shiftsTitle')}</h2>
      <div className="table-scroll">
        <table className="table shifts-table" data-testid="shifts-table">
          <caption className="visually-hidden">{t('overTime.shiftsCaption', { from: overTime.from, to: overTime.to })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.stakeholder')}</th>
              <th scope="col" className="num">
                {t('overTime.pairs')}
              </th>
              <th scope="col" className="num">
                {t('overTime.fromMean', { round: overTime.from })}
              </th>
              <th scope="col" className="num">
                {t('overTime.toMean', { round: overTime.to })}
              </th>
              <th scope="col" className="num">
                {t('overTime.shiftPower')}
              </th>
              <th scope="col" className="num">
                {t('overTime.shiftInterest')}
              </th>
            </tr>
          </thead>
          <tbody>
            {overTime.stakeholders.map((st) => {
              const means = roundMeans(st);
              const isFocused = st.id === focusId;
              return (
                <tr key={st.id} className={isFocused ? 'row-focused' : undefined}>
                  <th scope="row">
                    <button type="button" className="link-button" aria-pressed={isFocused} onClick={() => onFocus(isFocused ? null : st.id)}>
                      {nameOf(st.id)}
                    </button>
                  </th>
                  <td className="num">{formatCount(st.n, lang)}</td>
                  <td className="num">{means ? t('table.centroid', { power: formatValue(means.from.power, lang), interest: formatValue(means.from.interest, lang) }) : t('table.none')}</td>
                  <td className="num">{means ? t('table.centroid', { power: formatValue(means.to.power, lang), interest: formatValue(means.to.interest, lang) }) : t('table.none')}</td>
                  <td className="num">{st.meanShift ? signed(st.meanShift.power, lang) : t('table.none')}</td>
                  <td className="num">{st.meanShift ? signed(st.meanShift.interest, lang) : t('table.none')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function signed(v: number, lang: string): string {
  const text = formatValue(Math.abs(v), lang);
  if (Math.round(v * 10) === 0) return formatValue(0, lang);
  return v > 0 ? `+${text}` : `−${text}`;
}
