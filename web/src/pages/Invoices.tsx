import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { InvoiceFilterInput, InvoiceStatus } from '../gql/graphql';
import { ErrorNote, Empty, Loading, Notice } from '../components/States';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';

const InvoicesQuery = graphql(`
  query Invoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {
    invoices(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          status
          invoiceNumber
          debtorName
          debtor { vat }
          issueDate
          dueDate
          amount { amount currency }
          paidAmount { amount currency }
          creditedAmount { amount currency }
          disputed
          disputeReason
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const Pay = graphql(`mutation Pay($input: RecordPaymentInput!) { recordPayment(input: $input) { id status paidAmount { amount currency } paidDate } }`);
const Credit = graphql(`mutation Credit($id: ID!, $amount: Decimal!, $number: String!) { creditInvoice(invoiceId: $id, amount: $amount, creditNoteNumber: $number) { id status creditedAmount { amount currency } } }`);
const Correct = graphql(`mutation Correct($id: ID!, $amount: Decimal, $dueDate: Date) { correctInvoice(invoiceId: $id, amount: $amount, dueDate: $dueDate) { id amount { amount currency } dueDate } }`);
const Dispute = graphql(`mutation Dispute($id: ID!, $reason: String!) { disputeInvoice(invoiceId: $id, reason: $reason) { id disputed disputeReason } }`);
const Resolve = graphql(`mutation Resolve($id: ID!) { resolveDispute(invoiceId: $id) { id disputed } }`);

type Action = 'pay' | 'credit' | 'correct' | 'dispute' | 'resolve';
const STATUSES: InvoiceStatus[] = ['OPEN', 'PARTIALLY_PAID', 'PAID', 'WRITTEN_OFF'];
const PAGE = 25;

/** Decimal input as typed in Belgium ("1.234,56" or "1234.56") to the API's decimal string. */
export function toDecimal(text: string): string {
  const s = text.trim().replace(/\s/g, '');
  if (s.includes(',')) return s.replace(/\./g, '').replace(',', '.');
  return s;
}

function ActionForm({ action, invoice, onDone }: { action: Action; invoice: { id: string; invoiceNumber: string; amount: { amount: string } }; onDone: (msg: MessageKey | null) => void }) {
  const { t } = useI18n();
  const [a, setA] = useState('');
  const [b, setB] = useState(action === 'pay' ? new Date().toISOString().slice(0, 10) : '');
  const [, pay] = useMutation(Pay);
  const [, credit] = useMutation(Credit);
  const [, correct] = useMutation(Correct);
  const [, dispute] = useMutation(Dispute);
  const [, resolve] = useMutation(Resolve);
  const [result, setResult] = useState<{ error?: import('@urql/core').CombinedError } | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const id = invoice.id;
    const r =
      action === 'pay' ? await pay({ input: { invoiceId: id, paidDate: b, amount: a.trim() ? toDecimal(a) : null } })
      : action === 'credit' ? await credit({ id, amount: toDecimal(a), number: b })
      : action === 'correct' ? await correct({ id, amount: a.trim() ? toDecimal(a) : null, dueDate: b || null })
      : action === 'dispute' ? await dispute({ id, reason: a })
      : await resolve({ id });
    if (r.error) setResult({ error: r.error });
    else onDone(`done.${action}` as MessageKey);
  }
  const title = t('action.for', { action: t(`action.${action}`), number: invoice.invoiceNumber });
  return (
    <form className="action-form" onSubmit={submit} aria-label={title}>
      <strong>{title}</strong>
      {action === 'pay' && (
        <>
          <div className="field"><label htmlFor="f-b">{t('form.paidDate')}</label><input id="f-b" type="date" required value={b} onChange={(e) => setB(e.target.value)} /></div>
          <div className="field"><label htmlFor="f-a">{t('form.amountOptional')}</label><input id="f-a" inputMode="decimal" value={a} onChange={(e) => setA(e.target.value)} /></div>
        </>
      )}
      {action === 'credit' && (
        <>
          <div className="field"><label htmlFor="f-b">{t('form.creditNumber')}</label><input id="f-b" required value={b} onChange={(e) => setB(e.target.value)} /></div>
          <div className="field"><label htmlFor="f-a">{t('form.creditAmount')}</label><input id="f-a" inputMode="decimal" required value={a} onChange={(e) => setA(e.target.value)} /></div>
        </>
      )}
      {action === 'correct' && (
        <>
          <div className="field"><label htmlFor="f-a">{t('form.newAmount')}</label><input id="f-a" inputMode="decimal" value={a} onChange={(e) => setA(e.target.value)} /></div>
          <div className="field"><label htmlFor="f-b">{t('form.newDueDate')}</label><input id="f-b" type="date" value={b} onChange={(e) => setB(e.target.value)} /></div>
        </>
      )}
      {action === 'dispute' && (
        <div className="field field-wide"><label htmlFor="f-a">{t('form.reason')}</label><input id="f-a" required value={a} onChange={(e) => setA(e.target.value)} /></div>
      )}
      <div className="form-buttons">
        <button type="submit" className="button-primary">{t(`action.${action}`)}</button>
        <button type="button" className="button-quiet" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
      <ErrorNote error={result?.error} />
    </form>
  );
}

export default function Invoices() {
  const i = useI18n();
  const { t, money } = i;
  const [draft, setDraft] = useState({ status: '', overdue: false, vat: '', from: '', to: '' });
  const [filter, setFilter] = useState<InvoiceFilterInput>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [open, setOpen] = useState<{ id: string; action: Action } | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);

  function apply(e?: FormEvent) {
    e?.preventDefault();
    setFilter({
      statuses: draft.status ? [draft.status as InvoiceStatus] : null,
      overdue: draft.overdue,
      debtorVat: draft.vat.trim() || null,
      issuedFrom: draft.from || null,
      issuedTo: draft.to || null,
    });
    setCursors([null]);
  }

  return (
    <div className="page">
      <div className="page-head"><h1>{t('invoices.title')}</h1></div>
      <form className="card filters" onSubmit={apply} aria-label={t('invoices.filters')}>
        <div className="field">
          <label htmlFor="f-status">{t('invoices.status')}</label>
          <select id="f-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('invoices.allStatuses')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-vat">{t('invoices.debtorVat')}</label>
          <input id="f-vat" value={draft.vat} onChange={(e) => setDraft({ ...draft, vat: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-from">{t('invoices.issuedFrom')}</label>
          <input id="f-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t('invoices.issuedTo')}</label>
          <input id="f-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.overdue} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })} />
          {t('invoices.overdueOnly')}
        </label>
        <div className="form-buttons">
          <button type="submit" className="button-primary">{t('common.apply')}</button>
          <button type="button" className="button-quiet" onClick={() => { setDraft({ status: '', overdue: false, vat: '', from: '', to: '' }); setFilter({}); setCursors([null]); }}>{t('common.reset')}</button>
        </div>
      </form>
      {done && <Notice>{t(done)}</Notice>}
      <section className="card" aria-label={t('invoices.title')}>
        <table className="table" data-testid="invoices">
          <thead>
            <tr>
              <th scope="col">{t('col.number')}</th>
              <th scope="col">{t('col.debtor')}</th>
              <th scope="col">{t('col.issued')}</th>
              <th scope="col">{t('col.due')}</th>
              <th scope="col" className="num">{t('col.amount')}</th>
              <th scope="col" className="num">{t('col.paid')}</th>
              <th scope="col">{t('col.status')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          {cursors.map((after, n) => (
            <InvoicePage
              key={`${JSON.stringify(filter)}-${n}`}
              filter={filter}
              after={after}
              last={n === cursors.length - 1}
              open={open}
              setOpen={(o) => { setOpen(o); if (o) setDone(null); }}
              onDone={(m) => { setOpen(null); setDone(m); }}
              onMore={(c) => setCursors([...cursors, c])}
              money={money}
            />
          ))}
        </table>
      </section>
    </div>
  );
}

function InvoicePage(props: {
  filter: InvoiceFilterInput;
  after: string | null;
  last: boolean;
  open: { id: string; action: Action } | null;
  setOpen: (o: { id: string; action: Action } | null) => void;
  onDone: (m: MessageKey | null) => void;
  onMore: (cursor: string) => void;
  money: ReturnType<typeof useI18n>['money'];
}) {
  const i = useI18n();
  const { t, money } = i;
  const [{ data, fetching, error }] = useQuery({ query: InvoicesQuery, variables: { first: PAGE, after: props.after, filter: props.filter } });
  const cols = 8;
  if (fetching && !data) return <tbody><tr><td colSpan={cols}><Loading /></td></tr></tbody>;
  if (error && !data) return <tbody><tr><td colSpan={cols}><ErrorNote error={error} /></td></tr></tbody>;
  const edges = data?.invoices.edges ?? [];
  return (
    <tbody>
      {edges.length === 0 && props.after === null && (
        <tr><td colSpan={cols}><Empty>{t('invoices.empty')}</Empty></td></tr>
      )}
      {edges.map(({ node: inv }) => {
        const settled = inv.status === 'PAID' || inv.status === 'WRITTEN_OFF';
        const actions: Action[] = settled ? [] : ['pay', 'credit', 'correct', inv.disputed ? 'resolve' : 'dispute'];
        return [
          <tr key={inv.id} data-invoice={inv.invoiceNumber}>
            <td className="mono nowrap">{inv.invoiceNumber}</td>
            <td><Link to={`/debtors/${inv.debtor.vat}`}>{inv.debtorName || inv.debtor.vat}</Link></td>
            <td className="nowrap">{i.date(inv.issueDate)}</td>
            <td className="nowrap">{i.date(inv.dueDate)}</td>
            <td className="num">{money(inv.amount)}</td>
            <td className="num">{inv.paidAmount.amount !== '0' && inv.paidAmount.amount !== '0.00' ? money(inv.paidAmount) : '—'}</td>
            <td>
              <span className={`status status-${inv.status.toLowerCase()}`}>{t(`status.${inv.status}`)}</span>
              {inv.disputed && <span className="status status-disputed" title={inv.disputeReason}>{t('invoices.disputed')}</span>}
            </td>
            <td>
              {actions.length > 0 && (
                <select
                  className="action-select"
                  aria-label={t('action.for', { action: t('common.actions'), number: inv.invoiceNumber })}
                  value={props.open?.id === inv.id ? props.open.action : ''}
                  onChange={(e) => props.setOpen(e.target.value ? { id: inv.id, action: e.target.value as Action } : null)}
                >
                  <option value="">{t('common.actions')}…</option>
                  {actions.map((a) => (
                    <option key={a} value={a}>{t(`action.${a}`)}</option>
                  ))}
                </select>
              )}
            </td>
          </tr>,
          props.open?.id === inv.id ? (
            <tr key={`${inv.id}-form`} className="form-row">
              <td colSpan={cols}><ActionForm action={props.open.action} invoice={inv} onDone={props.onDone} /></td>
            </tr>
          ) : null,
        ];
      })}
      {props.last && data?.invoices.pageInfo.hasNextPage && data.invoices.pageInfo.endCursor && (
        <tr>
          <td colSpan={cols} className="center">
            <button type="button" className="button" onClick={() => props.onMore(data.invoices.pageInfo.endCursor!)}>{t('common.more')}</button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
