import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import type { CombinedError } from '@urql/core';
import { graphql } from '../gql';
import type { RiskLevel } from '../gql/graphql';
import { getCaps } from '../api/session';
import { LevelBadge } from '../components/Level';
import { ErrorNote, Empty, Loading, Notice } from '../components/States';
import { useI18n } from '../i18n';

const Feed = graphql(`
  query PartnerFeed {
    watchlists { id name minLevel minScoreMove countries sectors vatCount createdAt }
    webhooks { id url digestSeconds state pausedReason failures lastError lastSuccessAt pending deadLetters createdAt }
  }
`);
const CreateWatchlist = graphql(`mutation CreateWatchlist($input: WatchlistInput!) { createWatchlist(input: $input) { added rejectedCount rejected { line value message } watchlist { id } } }`);
const DeleteWatchlist = graphql(`mutation DeleteWatchlist($id: ID!) { deleteWatchlist(id: $id) }`);
const CreateWebhook = graphql(`mutation CreateWebhook($url: String!) { createWebhook(url: $url) { secret webhook { id } } }`);
const PauseWebhook = graphql(`mutation PauseWebhook($id: ID!) { pauseWebhook(id: $id) { id state } }`);
const ResumeWebhook = graphql(`mutation ResumeWebhook($id: ID!) { resumeWebhook(id: $id) { id state } }`);
const DeleteWebhook = graphql(`mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }`);

const LEVELS: RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const list = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

export default function Partners() {
  const { t, num } = useI18n();
  const caps = getCaps();
  const [{ data, fetching, error }, refetch] = useQuery({ query: Feed, pause: !caps.partner });
  const [form, setForm] = useState({ name: '', vats: '', countries: '', sectors: '', minLevel: 'MEDIUM' as RiskLevel });
  const [url, setUrl] = useState('');
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [, createWatchlist] = useMutation(CreateWatchlist);
  const [, deleteWatchlist] = useMutation(DeleteWatchlist);
  const [, createWebhook] = useMutation(CreateWebhook);
  const [, pause] = useMutation(PauseWebhook);
  const [, resume] = useMutation(ResumeWebhook);
  const [, deleteWebhook] = useMutation(DeleteWebhook);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  async function run(p: Promise<{ error?: CombinedError }>, after?: () => void) {
    setFailure(null);
    const r = await p;
    if (r.error) setFailure(r.error);
    else { after?.(); reload(); }
  }
  if (!caps.partner) return <div className="page"><h1>{t('partners.title')}</h1><Empty>{t('partners.needsScope')}</Empty></div>;

  function addWatchlist(e: FormEvent) {
    e.preventDefault();
    void run(createWatchlist({ input: { name: form.name, vats: list(form.vats), countries: list(form.countries).map((c) => c.toUpperCase()), sectors: list(form.sectors), minLevel: form.minLevel } }), () => setForm({ ...form, name: '', vats: '' }));
  }
  function addWebhook(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    void (async () => {
      setFailure(null);
      const r = await createWebhook({ url });
      if (r.error) setFailure(r.error);
      else { setMessage(t('partners.secret', { secret: r.data!.createWebhook.secret })); setUrl(''); reload(); }
    })();
  }

  return (
    <div className="page">
      <div className="page-head"><h1>{t('partners.title')}</h1></div>
      <ErrorNote error={failure} />
      {message && <Notice><span className="mono">{message}</span></Notice>}
      {fetching && !data ? <Loading /> : error && !data ? <ErrorNote error={error} /> : data && (
        <>
          <section className="card" aria-labelledby="wl-h">
            <h2 id="wl-h">{t('partners.watchlists')}</h2>
            {data.watchlists.length === 0 ? <Empty>{t('partners.watchlistsNone')}</Empty> : (
              <table className="table">
                <thead><tr><th scope="col">{t('partners.name')}</th><th scope="col">{t('partners.minLevel')}</th><th scope="col" className="num">{t('partners.vatCount')}</th><th scope="col">{t('partners.countries')}</th><th scope="col">{t('partners.sectors')}</th><th scope="col">{t('common.actions')}</th></tr></thead>
                <tbody>
                  {data.watchlists.map((w) => (
                    <tr key={w.id}>
                      <td>{w.name}</td>
                      <td><LevelBadge level={w.minLevel} /></td>
                      <td className="num">{num(w.vatCount)}</td>
                      <td>{w.countries.join(', ') || '—'}</td>
                      <td>{w.sectors.join(', ') || '—'}</td>
                      <td><button type="button" className="button-small" onClick={() => void run(deleteWatchlist({ id: w.id }))}>{t('partners.delete')}</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <form className="filters" onSubmit={addWatchlist} aria-label={t('partners.newWatchlist')}>
              <h3 className="field-wide">{t('partners.newWatchlist')}</h3>
              <div className="field"><label htmlFor="w-name">{t('partners.name')}</label><input id="w-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></div>
              <div className="field"><label htmlFor="w-countries">{t('partners.countries')}</label><input id="w-countries" value={form.countries} onChange={(e) => setForm({ ...form, countries: e.target.value })} /></div>
              <div className="field"><label htmlFor="w-sectors">{t('partners.sectors')}</label><input id="w-sectors" value={form.sectors} onChange={(e) => setForm({ ...form, sectors: e.target.value })} /></div>
              <div className="field"><label htmlFor="w-level">{t('partners.minLevel')}</label>
                <select id="w-level" value={form.minLevel} onChange={(e) => setForm({ ...form, minLevel: e.target.value as RiskLevel })}>{LEVELS.map((l) => <option key={l} value={l}>{t(`level.${l}`)}</option>)}</select>
              </div>
              <div className="field field-wide"><label htmlFor="w-vats">{t('partners.vats')}</label><textarea id="w-vats" rows={3} value={form.vats} onChange={(e) => setForm({ ...form, vats: e.target.value })} /></div>
              <div className="form-buttons"><button type="submit" className="button-primary">{t('common.save')}</button></div>
            </form>
          </section>
          <section className="card" aria-labelledby="wh-h">
            <h2 id="wh-h">{t('partners.webhooks')}</h2>
            {data.webhooks.length === 0 ? <Empty>{t('partners.webhooksNone')}</Empty> : (
              <table className="table">
                <thead><tr><th scope="col">URL</th><th scope="col">{t('partners.state')}</th><th scope="col" className="num">{t('partners.pending')}</th><th scope="col" className="num">{t('partners.deadLetters')}</th><th scope="col">{t('common.actions')}</th></tr></thead>
                <tbody>
                  {data.webhooks.map((w) => (
                    <tr key={w.id}>
                      <td className="mono">{w.url}</td>
                      <td>{t(`webhookstate.${w.state}`)}{w.lastError && <div className="muted small">{w.lastError}</div>}</td>
                      <td className="num">{num(w.pending)}</td>
                      <td className="num">{num(w.deadLetters)}</td>
                      <td>
                        <div className="row-actions">
                          {w.state === 'ACTIVE'
                            ? <button type="button" className="button-small" onClick={() => void run(pause({ id: w.id }))}>{t('partners.pause')}</button>
                            : <button type="button" className="button-small" onClick={() => void run(resume({ id: w.id }))}>{t('partners.resume')}</button>}
                          <button type="button" className="button-small" onClick={() => void run(deleteWebhook({ id: w.id }))}>{t('partners.delete')}</button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <form className="filters" onSubmit={addWebhook} aria-label={t('partners.newWebhook')}>
              <div className="field field-wide"><label htmlFor="h-url">{t('partners.url')}</label><input id="h-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} /></div>
              <div className="form-buttons"><button type="submit" className="button-primary">{t('partners.newWebhook')}</button></div>
            </form>
          </section>
        </>
      )}
    </div>
  );
}
