import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import type { CombinedError } from '@urql/core';
import { graphql } from '../gql';
import type { DocumentStatus, DraftQuery } from '../gql/graphql';
import { ErrorNote, Empty, Loading, Notice } from '../components/States';
import { useI18n, type MessageKey } from '../i18n';
import { toDecimal } from './Invoices';
import { errorMessageKey } from '../api/errors';

const UploadDoc = graphql(`mutation UploadInvoice($file: Upload!) { uploadInvoice(file: $file) { id status filename uploadedAt } }`);
const Processed = graphql(`subscription DocumentProcessed { documentProcessed { id status filename errorCode uploadedAt } }`);
const Recent = graphql(`query RecentDocuments { documents(first: 10) { nodes { id status filename errorCode uploadedAt } } }`);
const Draft = graphql(`
  query Draft($id: ID!) {
    document(id: $id) {
      id
      status
      filename
      contentType
      errorCode
      errorMessage
      invoiceId
      draft {
        debtorName { value confidence needsReview box { page x y width height } }
        debtorVat { value confidence needsReview box { page x y width height } }
        invoiceNumber { value confidence needsReview box { page x y width height } }
        issueDate { value confidence needsReview box { page x y width height } }
        dueDate { value confidence needsReview box { page x y width height } }
        totalAmount { value confidence needsReview box { page x y width height } }
        sellerName { value confidence needsReview box { page x y width height } }
        sellerIsMember
      }
    }
  }
`);
const Confirm = graphql(`mutation ConfirmInvoice($id: ID!, $fix: InvoiceCorrectionsInput) { confirmInvoice(documentId: $id, corrections: $fix) { id invoiceNumber } }`);
const Reject = graphql(`mutation RejectDocument($id: ID!) { rejectDocument(documentId: $id) { id status } }`);

interface Doc { id: string; status: DocumentStatus; filename: string; errorCode?: string | null; uploadedAt: string }

// Page images of this tab's uploads (the API does not hand a document's bytes back).
const previews = new Map<string, string>();

type FieldName = 'debtorName' | 'debtorVat' | 'invoiceNumber' | 'issueDate' | 'dueDate' | 'totalAmount';
const FIELDS: { name: FieldName; label: MessageKey; fix: 'debtorName' | 'debtorVat' | 'invoiceNumber' | 'issueDate' | 'dueDate' | 'amount'; type?: string }[] = [
  { name: 'debtorName', label: 'field.debtorName', fix: 'debtorName' },
  { name: 'debtorVat', label: 'field.debtorVat', fix: 'debtorVat' },
  { name: 'invoiceNumber', label: 'field.invoiceNumber', fix: 'invoiceNumber' },
  { name: 'issueDate', label: 'field.issueDate', fix: 'issueDate', type: 'date' },
  { name: 'dueDate', label: 'field.dueDate', fix: 'dueDate', type: 'date' },
  { name: 'totalAmount', label: 'field.amount', fix: 'amount' },
];

function confidenceClass(f: { confidence: number; needsReview: boolean }): string {
  // The API says which values to check (calibrated confidences below its review threshold).
  return f.needsReview ? 'conf-low' : f.confidence >= 0.9 ? 'conf-high' : 'conf-mid';
}

function Review({ id, onClosed }: { id: string; onClosed: (msg: string) => void }) {
  const i = useI18n();
  const { t } = i;
  const [{ data, fetching, error }] = useQuery({ query: Draft, variables: { id }, requestPolicy: 'network-only' });
  const [values, setValues] = useState<Record<string, string>>({});
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const [focus, setFocus] = useState<FieldName | null>(null);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [, confirm] = useMutation(Confirm);
  const [, reject] = useMutation(Reject);
  const doc: DraftQuery['document'] = data?.document;
  useEffect(() => {
    if (doc?.draft) {
      const d = doc.draft;
      setValues(Object.fromEntries(FIELDS.map((f) => [f.name, d[f.name]?.value ?? ''])));
    }
  }, [doc]);
  if (fetching && !doc) return <Loading />;
  if (error && !doc) return <ErrorNote error={error} />;
  if (!doc) return null;
  if (doc.status === 'FAILED') return <ErrorNote code={doc.errorCode || 'UNEXPECTED'} />;
  if (doc.status !== 'READY' || !doc.draft) return <Loading label={t('docstatus.PROCESSING')} />;
  const draft = doc.draft;
  const preview = previews.get(doc.id);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fix: Record<string, string> = {};
    for (const f of FIELDS) {
      const read = draft[f.name]?.value ?? '';
      const now = (values[f.name] ?? '').trim();
      if (now && now !== read) fix[f.fix] = f.fix === 'amount' ? toDecimal(now) : now;
    }
    const r = await confirm({ id: doc!.id, fix: Object.keys(fix).length ? fix : null });
    if (r.error) setFailure(r.error);
    else onClosed(t('upload.confirmed', { number: r.data!.confirmInvoice.invoiceNumber }));
  }
  async function drop() {
    const r = await reject({ id: doc!.id });
    if (r.error) setFailure(r.error);
    else onClosed(t('upload.rejected'));
  }

  return (
    <section className="card review" aria-labelledby="review-h" data-testid="review">
      <h2 id="review-h">{t('upload.review')}: {doc.filename}</h2>
      <p className="muted">{t('upload.reviewHelp')}</p>
      {draft.sellerIsMember === false && <div className="state state-error" role="alert">{t('upload.purchase')}</div>}
      <div className="review-grid">
        <div className="page-image">
          {preview ? (
            <div className="page-frame">
              <img src={preview} alt={doc.filename} onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })} />
              {natural &&
                FIELDS.map((f) => {
                  const box = draft[f.name]?.box;
                  if (!box || box.page > 1) return null;
                  return (
                    <span
                      key={f.name}
                      className={`ocr-box ${confidenceClass(draft[f.name]!)} ${focus === f.name ? 'active' : ''}`}
                      style={{ left: `${(box.x / natural.w) * 100}%`, top: `${(box.y / natural.h) * 100}%`, width: `${(box.width / natural.w) * 100}%`, height: `${(box.height / natural.h) * 100}%` }}
                      title={t(f.label)}
                      aria-hidden="true"
                    />
                  );
                })}
            </div>
          ) : (
            <Empty>{t('upload.noPreview')}</Empty>
          )}
        </div>
        <form onSubmit={submit} className="stack">
          {draft.sellerName && (
            <p className="muted small">{t('field.sellerName')}: {draft.sellerName.value}</p>
          )}
          {FIELDS.map((f) => {
            const read = draft[f.name];
            return (
              <div className="field" key={f.name}>
                <label htmlFor={`d-${f.name}`}>
                  {t(f.label)}
                  {read && <span className={`conf ${confidenceClass(read)}`}>{t(read.needsReview ? 'upload.check' : 'upload.sure', { n: i.num(Math.round(read.confidence * 100)) })}</span>}
                </label>
                <input
                  id={`d-${f.name}`}
                  name={f.name}
                  type={f.type ?? 'text'}
                  value={values[f.name] ?? ''}
                  onFocus={() => setFocus(f.name)}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                />
              </div>
            );
          })}
          <ErrorNote error={failure} />
          <div className="form-buttons">
            <button type="submit" className="button-primary">{t('upload.confirm')}</button>
            <button type="button" className="button-quiet" onClick={drop}>{t('upload.reject')}</button>
          </div>
        </form>
      </div>
    </section>
  );
}

export default function Upload() {
  const i = useI18n();
  const { t } = i;
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [docs, setDocs] = useState<Map<string, Doc>>(new Map());
  const [selected, setSelected] = useState<string | null>(null);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [, upload] = useMutation(UploadDoc);
  const [{ data: recent, fetching, error: recentError }] = useQuery({ query: Recent });
  const [live] = useSubscription({ query: Processed }, (_prev, event) => {
    const d = event.documentProcessed;
    setDocs((m) => new Map(m).set(d.id, d));
    return event;
  });
  const merged = new Map<string, Doc>();
  for (const d of recent?.documents.nodes ?? []) merged.set(d.id, d);
  for (const [id, d] of docs) merged.set(id, { ...merged.get(id), ...d });
  const list = [...merged.values()].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt));

  async function send(files: FileList | File[]) {
    setFailure(null);
    setMessage(null);
    for (const file of Array.from(files)) {
      const r = await upload({ file });
      if (r.error || !r.data) {
        setFailure(r.error ?? null);
        continue;
      }
      const d = r.data.uploadInvoice;
      if (file.type.startsWith('image/') && file.type !== 'image/tiff') previews.set(d.id, URL.createObjectURL(file));
      setDocs((m) => new Map(m).set(d.id, m.get(d.id)?.status === 'READY' ? m.get(d.id)! : d));
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length) void send(e.dataTransfer.files);
  }

  return (
    <div className="page">
      <div className="page-head"><h1>{t('upload.title')}</h1></div>
      <div
        className={`dropzone ${over ? 'over' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="dropzone"
      >
        <p className="dropzone-title">{t('upload.drop')}</p>
        <p className="muted">{t('upload.dropHelp')}</p>
        <button type="button" className="button-primary" onClick={() => input.current?.click()}>{t('upload.choose')}</button>
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/tiff,application/pdf"
          multiple
          className="visually-hidden"
          aria-label={t('upload.choose')}
          tabIndex={-1}
          data-testid="file-input"
          onChange={(e) => { if (e.target.files?.length) void send(e.target.files); e.target.value = ''; }}
        />
      </div>
      <ErrorNote error={failure} />
      {message && <Notice>{message}</Notice>}
      {selected && <Review key={selected} id={selected} onClosed={(m) => { setMessage(m); setSelected(null); setDocs((d) => new Map(d)); }} />}
      <section className="card" aria-labelledby="recent-h">
        <h2 id="recent-h">{t('upload.recent')} <span className={`live-dot ${live.fetching ? 'on' : 'off'}`} aria-hidden="true" />{' '}
          <span className="muted small" data-testid="live">{t('upload.live')}: {live.fetching ? t('upload.liveOn') : t('upload.liveOff')}</span></h2>
        {fetching && !recent ? (
          <Loading />
        ) : recentError && !recent ? (
          <ErrorNote error={recentError} />
        ) : list.length === 0 ? (
          <Empty>{t('upload.none')}</Empty>
        ) : (
          <table className="table" data-testid="documents">
            <thead>
              <tr>
                <th scope="col">{t('imports.file')}</th>
                <th scope="col">{t('upload.uploaded')}</th>
                <th scope="col">{t('col.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody aria-live="polite">
              {list.map((d) => (
                <tr key={d.id} data-status={d.status}>
                  <td>{d.filename}</td>
                  <td className="nowrap">{i.dateTime(d.uploadedAt)}</td>
                  <td>
                    <span className={`status doc-${d.status.toLowerCase()}`}>{t(`docstatus.${d.status}`)}</span>
                    {d.status === 'FAILED' && d.errorCode && <div className="small">{t('upload.failed', { reason: t(errorMessageKey(d.errorCode)) })}</div>}
                  </td>
                  <td>
                    {d.status === 'READY' && (
                      <button type="button" className="button-small" onClick={() => setSelected(d.id)}>{t('upload.select')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
