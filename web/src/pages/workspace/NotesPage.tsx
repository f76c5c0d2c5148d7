import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice, TlpBadge } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
type Tlp = (typeof TLPS)[number];

/** Shared notes the user may see: search and filter live in the URL, so a view can be shared. */
export function NotesPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tlp = (TLPS as readonly string[]).includes(params.get('tlp') ?? '') ? (params.get('tlp') as Tlp) : undefined;
  const [draft, setDraft] = useState(q);
  const query = { ...(q ? { q } : {}), ...(tlp ? { tlp } : {}) };
  const notes = useLoad(() => call(api.GET('/api/v1/notes', { params: { query: { ...query, limit: 50 } } })), [q, tlp]);
  const count = useLoad(() => call(api.GET('/api/v1/notes/count', { params: { query } })), [q, tlp]);

  return (
    <section aria-labelledby="notes-title">
      <div className="page-head">
        <h1 id="notes-title">{t('notes.title')}</h1>
        <Link className="button" to="/w/notes/new">
          {t('notes.new')}
        </Link>
      </div>
      <form
        role="search"
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams(params);
          if (draft.trim()) next.set('q', draft.trim());
          else next.delete('q');
          setParams(next);
        }}
      >
        <label htmlFor="notes-q">{t('notes.search')}</label>
        <input id="notes-q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        <label htmlFor="notes-tlp">{t('notes.marking')}</label>
        <select
          id="notes-tlp"
          value={tlp ?? ''}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.value) next.set('tlp', e.target.value);
            else next.delete('tlp');
            setParams(next);
          }}
        >
          <option value="">{t('notes.anyMarking')}</option>
          {TLPS.map((m) => (
            <option key={m} value={m}>
              TLP:{m}
            </option>
          ))}
        </select>
        <button type="submit">{t('action.search')}</button>
      </form>
      {count.data && <p role="status">{t('notes.count', { count: count.data.count, formatted: formatNumber(count.data.count) })}</p>}
      <ErrorNotice error={notes.error} onRetry={notes.reload} />
      {notes.loading && <p className="loading">{t('status.loading')}</p>}
      {notes.data && notes.data.items.length === 0 && <p>{t('notes.empty')}</p>}
      <ul className="record-list">
        {notes.data?.items.map((note) => (
          <li key={note.id}>
            <TlpBadge tlp={note.tlp} />
            <Link to={`/w/notes/${note.id}`}>{note.title}</Link>
            <span className="hint"> · {formatDate(note.updatedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
