import { useMemo } from 'react';
import { graphql } from '../gql';
import type { DebtorQuery } from '../gql/graphql';
import { Chart, type ChartOption } from '../components/Chart';
import { LEVEL_COLOURS } from '../components/Level';
import { measureValue } from '../components/Risk';
import { Empty } from '../components/States';
import { useI18n } from '../i18n';
import { formatMonth } from '../i18n/format';

export const DebtorQueryDoc = graphql(`
  query Debtor($vat: String!) {
    company(vat: $vat) {
      vat
      country
      name
      sector
      trend
      creditLimit { advised amount { amount currency } }
      riskProfile {
        score
        level
        trend
        confidence
        asOf
        avgDaysToPay
        avgDaysLate
        daysBeyondTerms
        lateShare
        oldestOverdueDays
        supplierCount
        invoiceCount
        invoiceCountBand { lower upper }
        countDisclosure
        factors { reason points value sentence }
      }
      scoreHistory(period: MONTH) { periodStart score level minScore maxScore }
      benchmark {
        section
        division
        placements {
          scope
          withheld
          asked { name }
          measures { measure known value betterThan group { median group { name } } }
        }
      }
    }
  }
`);

export const DebtorMemberQueryDoc = graphql(`
  query DebtorMember($vat: String!) {
    company(vat: $vat) {
      vat
      predictedPayments { invoiceId dueDate outstanding { amount currency } expected early late }
      actionPlan {
        level
        advice
        law
        reminder { step outstanding { amount currency } lateInterest { amount currency } compensation { amount currency } }
        invoices {
          invoiceId
          dueDate
          outstanding { amount currency }
          daysOverdue
          step
          nextStep
          nextStepDate
          lateInterest { amount currency }
          compensation { amount currency }
          interestRate
        }
      }
    }
    invoices(first: 100, filter: { debtorVat: $vat, statuses: [OPEN, PARTIALLY_PAID] }) {
      nodes { id invoiceNumber }
    }
  }
`);

export type Company = DebtorQuery['company'];

/** The score by month, with the four level bands behind the line. */
export function ScoreHistoryChart({ company, height = 240 }: { company: Company; height?: number }) {
  const i = useI18n();
  const points = company.scoreHistory;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => formatMonth(p.periodStart, i.lang)), boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100, interval: 25, splitLine: { lineStyle: { color: '#e6e9ef' } } },
      series: [
        {
          type: 'line',
          name: i.t('col.score'),
          data: points.map((p) => p.score),
          connectNulls: false,
          symbolSize: 6,
          lineStyle: { width: 3, color: '#1f4e79' },
          itemStyle: { color: '#1f4e79' },
          markArea: {
            silent: true,
            data: [
              [{ yAxis: 0, itemStyle: { color: LEVEL_COLOURS.LOW.bg } }, { yAxis: 30 }],
              [{ yAxis: 30, itemStyle: { color: LEVEL_COLOURS.MEDIUM.bg } }, { yAxis: 50 }],
              [{ yAxis: 50, itemStyle: { color: LEVEL_COLOURS.HIGH.bg } }, { yAxis: 70 }],
              [{ yAxis: 70, itemStyle: { color: LEVEL_COLOURS.CRITICAL.bg } }, { yAxis: 100 }],
            ],
          },
        },
      ],
    }),
    [points, i],
  );
  if (!points.some((p) => p.score != null)) return <Empty>{i.t('debtor.historyEmpty')}</Empty>;
  return <Chart option={option} label={i.t('debtor.history')} height={height} />;
}

/** Where the debtor stands in its peer groups, one row per group and measure. */
export function SectorPosition({ company }: { company: Company }) {
  const i = useI18n();
  const placements = company.benchmark?.placements ?? [];
  const shown = placements.filter((p) => p.measures.some((m) => m.known));
  if (!shown.length) return <Empty>{i.t('debtor.sectorEmpty')}</Empty>;
  return (
    <table className="table" data-testid="sector-position">
      <thead>
        <tr>
          <th scope="col">{i.t('col.sector')}</th>
          {shown[0].measures.map((m) => (
            <th scope="col" key={m.measure}>{i.t(`measure.${m.measure}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {shown.map((p) => (
          <tr key={p.scope}>
            <th scope="row">
              <span className="muted small">{i.t(`scope.${p.scope}`)}</span>
              <br />
              {p.asked.name}
              {p.withheld && <span className="muted small"> · {i.t('bench.wider')}</span>}
            </th>
            {p.measures.map((m) => (
              <td key={m.measure}>
                {m.known ? (
                  <>
                    <strong>{measureValue(i, m.measure, m.value)}</strong>
                    {m.betterThan != null && (
                      <div className="small">{i.t('bench.betterShort', { n: i.num(m.betterThan) })}</div>
                    )}
                    {m.group.median != null && (
                      <div className="muted small">{i.t('bench.median', { v: measureValue(i, m.measure, m.group.median) })}</div>
                    )}
                  </>
                ) : (
                  <span className="muted small">{i.t('bench.unknown')}</span>
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
