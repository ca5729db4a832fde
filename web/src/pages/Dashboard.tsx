import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Chart, type ChartOption } from '../components/Chart';
import { LevelBadge } from '../components/Level';
import { Empty, ErrorNote, Loading } from '../components/States';
import { useI18n, type I18n } from '../i18n';
import { formatMoneyShort } from '../i18n/format';
import { Link } from '../router';

export const DashboardQuery = graphql(`
  query Dashboard {
    dashboard(debtors: 8, activity: 8) {
      asOf
      openInvoices
      outstanding { amount currency }
      overdueInvoices
      overdue { amount currency }
      disputedInvoices
      debtorCount
      ageing { label fromDays toDays count amount { amount currency } }
      dso { days method invoiced90Days { amount currency } }
      debtors { company { vat } name openInvoices outstanding { amount currency } overdue { amount currency } oldestOverdueDays }
      riskyDebtors { score level exposure { company { vat } name outstanding { amount currency } oldestOverdueDays } }
      recentActivity { kind invoiceId invoiceNumber debtorName debtor { vat } amount { amount currency } at }
      paymentBehaviour { paidInvoices avgDaysToPay avgDaysLate lateShare }
      sectorComparison { yourDaysToPay sectorMedianDaysToPay distribution { group { name } } }
    }
  }
`);

export function ageingLabel(i: I18n, b: { label: string; fromDays?: number | null; toDays?: number | null }): string {
  if (b.fromDays == null) return i.t('dashboard.ageingNotDue');
  if (b.toDays == null) return i.t('dashboard.ageingOver', { n: b.fromDays - 1 });
  return i.t('dashboard.ageingRange', { from: b.fromDays, to: b.toDays });
}

// Ageing colours: from calm to alarming, the last buckets in the level colours' red.
const AGEING = ['#6c8ebf', '#e8c21d', '#f0a01a', '#f07d1a', '#e0521f', '#d62828'];

export default function Dashboard() {
  const i = useI18n();
  const { t, money, num } = i;
  const [{ data, fetching, error }, refetch] = useQuery({ query: DashboardQuery });
  const d = data?.dashboard;

  const ageingOption = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    const labels = d.ageing.map((b) => ageingLabel(i, b));
    return {
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => i.money({ amount: String(v), currency: d.outstanding.currency }),
      },
      xAxis: { type: 'category', data: labels, axisTick: { show: false }, axisLabel: { interval: 0 } },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatMoneyShort(String(v), d.outstanding.currency, i.lang) },
        splitLine: { lineStyle: { color: '#e6e9ef' } },
      },
      series: [
        {
          type: 'bar',
          name: t('dashboard.ageingAmount'),
          barMaxWidth: 48,
          // ECharts draws numbers; the decimal string goes in as is and is formatted by Intl above.
          data: d.ageing.map((b, n) => ({ value: b.amount.amount, itemStyle: { color: AGEING[n] ?? AGEING[5], borderRadius: [4, 4, 0, 0] } })),
        },
      ],
    };
  }, [d, i, t]);

  if (fetching && !d) return <Loading />;
  if (error && !d) return <ErrorNote error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!d) return null;
  const nothing = d.openInvoices === 0 && d.recentActivity.length === 0;

  return (
    <div className="page" data-testid="dashboard">
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
        <span className="muted">{t('common.asOf', { date: i.date(d.asOf) })}</span>
      </div>
      {nothing && <Empty>{t('dashboard.empty')}</Empty>}
      <section className="tiles" aria-label={t('dashboard.title')}>
        <div className="tile">
          <h2 className="tile-label">{t('dashboard.outstanding')}</h2>
          <p className="tile-value" data-testid="outstanding">{money(d.outstanding)}</p>
          <p className="tile-sub" data-testid="open-invoices">{t('dashboard.openInvoices', { n: num(d.openInvoices) })}</p>
        </div>
        <div className="tile tile-warn">
          <h2 className="tile-label">{t('dashboard.overdue')}</h2>
          <p className="tile-value" data-testid="overdue">{money(d.overdue)}</p>
          <p className="tile-sub">{t('dashboard.overdueInvoices', { n: num(d.overdueInvoices) })}</p>
        </div>
        <div className="tile">
          <h2 className="tile-label">{t('dashboard.dso')}</h2>
          <p className="tile-value" data-testid="dso">{d.dso ? t('common.days', { n: num(d.dso.days, 1) }) : '—'}</p>
          <p className="tile-sub" title={d.dso?.method}>{d.dso ? t('dashboard.dsoMethod') : t('dashboard.dsoNone')}</p>
        </div>
        <div className="tile">
          <h2 className="tile-label">{t('dashboard.debtorCount')}</h2>
          <p className="tile-value" data-testid="debtor-count">{num(d.debtorCount)}</p>
          <p className="tile-sub">{t('dashboard.debtorCountHelp')}</p>
        </div>
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="ageing-h">
          <h2 id="ageing-h">{t('dashboard.ageing')}</h2>
          {ageingOption && <Chart option={ageingOption} label={t('dashboard.ageing')} height={240} />}
          <table className="table compact">
            <caption className="visually-hidden">{t('dashboard.ageing')}</caption>
            <tbody>
              <tr>
                {d.ageing.map((b) => (
                  <th scope="col" className="num" key={b.label}>{ageingLabel(i, b)}</th>
                ))}
              </tr>
              <tr>
                {d.ageing.map((b) => (
                  <td key={b.label} className="num" data-testid="ageing-amount">{money(b.amount)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>

        <section className="card" aria-labelledby="sector-h">
          <h2 id="sector-h">{t('dashboard.sector')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('dashboard.sectorYou')}</dt>
              <dd>{d.sectorComparison.yourDaysToPay != null ? t('common.days', { n: num(d.sectorComparison.yourDaysToPay, 0) }) : '—'}</dd>
            </div>
            <div>
              <dt>{t('dashboard.sectorMedian')}</dt>
              <dd>{d.sectorComparison.sectorMedianDaysToPay != null ? t('common.days', { n: num(d.sectorComparison.sectorMedianDaysToPay, 0) }) : '—'}</dd>
            </div>
            <div>
              <dt>{t('dashboard.behaviour')}</dt>
              <dd>{i.pct(d.paymentBehaviour.lateShare)}</dd>
            </div>
          </dl>
          {d.sectorComparison.distribution?.group && <p className="muted small">{d.sectorComparison.distribution.group.name}</p>}
        </section>
      </div>

      <div className="grid-2">
        <section className="card" aria-labelledby="risky-h">
          <h2 id="risky-h">{t('dashboard.risky')}</h2>
          {d.riskyDebtors.length === 0 ? (
            <Empty>{t('dashboard.riskyEmpty')}</Empty>
          ) : (
            <table className="table" data-testid="risky">
              <thead>
                <tr>
                  <th scope="col">{t('col.debtor')}</th>
                  <th scope="col">{t('col.score')}</th>
                  <th scope="col" className="num">{t('col.outstanding')}</th>
                </tr>
              </thead>
              <tbody>
                {d.riskyDebtors.map((r) => (
                  <tr key={r.exposure.company.vat}>
                    <td>
                      <Link to={`/debtors/${r.exposure.company.vat}`}>{r.exposure.name || r.exposure.company.vat}</Link>
                    </td>
                    <td><LevelBadge level={r.level} score={r.score} /></td>
                    <td className="num">{money(r.exposure.outstanding)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="card" aria-labelledby="largest-h">
          <h2 id="largest-h">{t('dashboard.largest')}</h2>
          {d.debtors.length === 0 ? (
            <Empty>{t('dashboard.largestEmpty')}</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('col.debtor')}</th>
                  <th scope="col" className="num">{t('col.outstanding')}</th>
                  <th scope="col" className="num">{t('col.oldest')}</th>
                </tr>
              </thead>
              <tbody>
                {d.debtors.map((x) => (
                  <tr key={x.company.vat}>
                    <td><Link to={`/debtors/${x.company.vat}`}>{x.name || x.company.vat}</Link></td>
                    <td className="num">{money(x.outstanding)}</td>
                    <td className="num">{x.oldestOverdueDays > 0 ? t('common.days', { n: num(x.oldestOverdueDays) }) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="activity-h">
        <h2 id="activity-h">{t('dashboard.activity')}</h2>
        {d.recentActivity.length === 0 ? (
          <Empty>{t('dashboard.activityEmpty')}</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('col.when')}</th>
                <th scope="col">{t('col.what')}</th>
                <th scope="col">{t('col.debtor')}</th>
                <th scope="col" className="num">{t('col.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {d.recentActivity.map((a, n) => (
                <tr key={`${a.invoiceId}-${a.kind}-${n}`}>
                  <td className="nowrap">{i.dateTime(a.at)}</td>
                  <td>
                    <span className={`dot dot-${a.kind.toLowerCase()}`} aria-hidden="true" />
                    {t(`dashboard.activity.${a.kind}`, { number: a.invoiceNumber })}
                  </td>
                  <td><Link to={`/debtors/${a.debtor.vat}`}>{a.debtorName || a.debtor.vat}</Link></td>
                  <td className="num">{money(a.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
