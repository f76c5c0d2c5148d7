import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorNotice, TlpBadge } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

export function NoteViewPage() {
  const { id = '' } = useParams();
  const { t, formatDate } = useI18n();
  const location = useLocation();
  const note = useLoad(() => call(api.GET('/api/v1/notes/{id}', { params: { path: { id } } })), [id]);
  if (note.error instanceof ApiError && note.error.status === 404) return <p role="alert">{t('notes.notFound')}</p>;
  return (
    <article aria-labelledby="note-title">
      {(location.state as { saved?: boolean } | null)?.saved && (
        <p role="status" className="notice">
          {t('status.saved')}
        </p>
      )}
      <ErrorNotice error={note.error} onRetry={note.reload} />
      {note.data && (
        <>
          <div className="page-head">
            <h1 id="note-title">{note.data.title}</h1>
            <Link className="button" to={`/w/notes/${id}/edit`}>
              {t('action.edit')}
            </Link>
          </div>
          <p>
            <TlpBadge tlp={note.data.tlp} /> <span className="hint">{formatDate(note.data.updatedAt)}</span>
          </p>
          <div className="note-body">{note.data.body}</div>
        </>
      )}
    </article>
  );
}
