import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import type { CombinedError } from '@urql/core';
import { graphql } from '../gql';
import type { ImportKind } from '../gql/graphql';
import { errorMessageKey } from '../api/errors';
import { ErrorNote, Empty, Loading, Notice } from '../components/States';
import { useI18n } from '../i18n';

const Jobs = graphql(`
  query ImportJobs {
    importJobs(first: 10) {
      nodes { id kind status filename rowsDone accepted rejected progress errorCode createdAt }
    }
  }
`);
const Progress = graphql(`
  subscription ImportProgress($id: ID!) {
    importProgress(id: $id) {
      id kind status filename rowsDone accepted rejected progress errorCode createdAt
      errors(first: 50) { line code message }
    }
  }
`);
const StartCsv = graphql(`mutation ImportCsv($file: Upload!, $kind: ImportKind!) { importCsv(file: $file, kind: $kind) { id status filename } }`);
const EInvoice = graphql(`mutation ImportEInvoice($file: Upload!) { importEInvoice(file: $file) { creditNote syntax notes invoice { id invoiceNumber } } }`);

function LiveJob({ id, onFinished }: { id: string; onFinished: () => void }) {
  const i = useI18n();
  const { t } = i;
  const [{ data, error }] = useSubscription({ query: Progress, variables: { id } });
  const job = data?.importProgress;
  const finished = job?.status === 'DONE' || job?.status === 'FAILED';
  useEffect(() => {
    if (finished) onFinished();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished]);
  if (error) return <ErrorNote error={error} />;
  if (!job) return <Loading />;
  return (
    <section className="card" aria-labelledby="job-h" data-testid="import-job" data-status={job.status}>
      <h2 id="job-h">{job.filename} · {t(`importstatus.${job.status}`)}</h2>
      <label className="progress-label">
        {t('imports.progress')}
        <progress max={1} value={job.progress}>{i.pct(job.progress)}</progress>
        <span className="num">{i.pct(job.progress)}</span>
      </label>
      <dl className="facts facts-inline">
        <div><dt>{t('imports.accepted')}</dt><dd data-testid="accepted">{i.num(job.accepted)}</dd></div>
        <div><dt>{t('imports.rejected')}</dt><dd data-testid="rejected">{i.num(job.rejected)}</dd></div>
      </dl>
      {job.errorCode && <ErrorNote code={job.errorCode} />}
      {job.errors.length > 0 && (
        <table className="table compact">
          <caption>{t('imports.errors')}</caption>
          <thead><tr><th scope="col" className="num">{t('imports.line')}</th><th scope="col">{t('imports.reason')}</th></tr></thead>
          <tbody>
            {job.errors.map((e) => (
              <tr key={`${e.line}-${e.code}`}><td className="num">{e.line}</td><td>{t(errorMessageKey(e.code))}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function Imports() {
  const i = useI18n();
  const { t } = i;
  const [kind, setKind] = useState<ImportKind>('INVOICES');
  const [csv, setCsv] = useState<File | null>(null);
  const [xml, setXml] = useState<File | null>(null);
  const [live, setLive] = useState<string | null>(null);
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [, startCsv] = useMutation(StartCsv);
  const [, importXml] = useMutation(EInvoice);
  const [{ data, fetching, error }, refetchJobs] = useQuery({ query: Jobs });

  async function submitCsv(e: FormEvent) {
    e.preventDefault();
    if (!csv) return;
    setFailure(null);
    const r = await startCsv({ file: csv, kind });
    if (r.error) setFailure(r.error);
    else setLive(r.data!.importCsv.id);
  }
  async function submitXml(e: FormEvent) {
    e.preventDefault();
    if (!xml) return;
    setFailure(null);
    setMessage(null);
    const r = await importXml({ file: xml });
    if (r.error) setFailure(r.error);
    else {
      const x = r.data!.importEInvoice;
      setMessage(x.creditNote ? t('imports.creditDone', { number: x.invoice.invoiceNumber }) : t('imports.einvoiceDone', { number: x.invoice.invoiceNumber, syntax: x.syntax.toUpperCase() }));
    }
  }

  return (
    <div className="page">
      <div className="page-head"><h1>{t('imports.title')}</h1></div>
      <p className="muted">{t('imports.intro')}</p>
      <div className="grid-2">
        <form className="card stack" onSubmit={submitCsv} aria-labelledby="csv-h">
          <h2 id="csv-h">{t('imports.csv')}</h2>
          <fieldset className="radios">
            <legend>{t('imports.kind')}</legend>
            {(['INVOICES', 'PAYMENTS'] as ImportKind[]).map((k) => (
              <label key={k} className="check"><input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{t(`imports.kind.${k}`)}</label>
            ))}
          </fieldset>
          <div className="field"><label htmlFor="csv-file">{t('imports.file')}</label><input id="csv-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => setCsv(e.target.files?.[0] ?? null)} /></div>
          <button type="submit" className="button-primary" disabled={!csv}>{t('imports.start')}</button>
        </form>
        <form className="card stack" onSubmit={submitXml} aria-labelledby="xml-h">
          <h2 id="xml-h">{t('imports.einvoice')}</h2>
          <div className="field"><label htmlFor="xml-file">{t('imports.file')}</label><input id="xml-file" type="file" accept=".xml,application/xml,text/xml,application/pdf" onChange={(e) => setXml(e.target.files?.[0] ?? null)} /></div>
          <button type="submit" className="button-primary" disabled={!xml}>{t('imports.start')}</button>
        </form>
      </div>
      <ErrorNote error={failure} />
      {message && <Notice>{message}</Notice>}
      {live && <LiveJob key={live} id={live} onFinished={() => refetchJobs({ requestPolicy: 'network-only' })} />}
      <section className="card" aria-labelledby="jobs-h">
        <h2 id="jobs-h">{t('imports.jobs')}</h2>
        {fetching && !data ? <Loading /> : error && !data ? <ErrorNote error={error} /> : !data?.importJobs.nodes.length ? <Empty>{t('imports.none')}</Empty> : (
          <table className="table">
            <thead><tr><th scope="col">{t('imports.file')}</th><th scope="col">{t('imports.kind')}</th><th scope="col">{t('col.when')}</th><th scope="col">{t('col.status')}</th><th scope="col" className="num">{t('imports.accepted')}</th><th scope="col" className="num">{t('imports.rejected')}</th><th scope="col">{t('common.actions')}</th></tr></thead>
            <tbody>
              {data.importJobs.nodes.map((j) => (
                <tr key={j.id}>
                  <td>{j.filename}</td>
                  <td>{t(`imports.kind.${j.kind}`)}</td>
                  <td className="nowrap">{i.dateTime(j.createdAt)}</td>
                  <td>{t(`importstatus.${j.status}`)}{j.errorCode && <div className="small">{t(errorMessageKey(j.errorCode))}</div>}</td>
                  <td className="num">{i.num(j.accepted)}</td>
                  <td className="num">{i.num(j.rejected)}</td>
                  <td><button type="button" className="button-small" onClick={() => setLive(j.id)}>{t('upload.select')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
