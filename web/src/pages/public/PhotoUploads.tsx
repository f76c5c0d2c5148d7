import { useCallback, useId, useRef, useState } from 'react';
import { api, ApiError, call } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export interface TipCredentials {
  receipt: string;
  passphrase: string;
}

/** `failed`: worth sending again (connection, server busy); `refused`: the server will not take it (type, size, limit). */
type UploadState = 'waiting' | 'sending' | 'sent' | 'failed' | 'refused';

const refusedForGood = (error: unknown) => error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

interface PhotoUpload {
  key: number;
  file: File;
  state: UploadState;
  error: unknown;
}

/**
 * Sends one photo to the tip its credentials open. The file goes under a neutral name: a
 * phone's file name often holds the date and time the photo was taken.
 */
function sendPhoto(credentials: TipCredentials, file: File) {
  return call(
    api.POST('/api/v1/tips/attachments', {
      body: { ...credentials, file: '' },
      bodySerializer: ({ receipt, passphrase }) => {
        const form = new FormData();
        form.append('receipt', receipt);
        form.append('passphrase', passphrase);
        form.append('file', file, 'photo');
        return form;
      },
    }),
  );
}

/**
 * Photos chosen by a resident, kept in memory (never in storage) until each is sent. A photo
 * that fails stays in the list to be sent again; the server recognises one it already has.
 */
export function usePhotoUploads() {
  const [items, setItems] = useState<PhotoUpload[]>([]);
  const nextKey = useRef(0);
  const update = (key: number, change: Partial<PhotoUpload>) => setItems((all) => all.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = useCallback((files: Iterable<File>) => {
    const added = [...files].map((file) => ({ key: nextKey.current++, file, state: 'waiting' as const, error: null }));
    setItems((all) => [...all, ...added]);
  }, []);
  const remove = useCallback((key: number) => setItems((all) => all.filter((item) => item.key !== key || item.state === 'sending')), []);

  /** Sends every photo not yet sent, one after another (a phone's connection is narrow). */
  const sendAll = useCallback(
    async (credentials: TipCredentials, pending: PhotoUpload[]) => {
      for (const item of pending.filter((i) => i.state === 'waiting' || i.state === 'failed')) {
        update(item.key, { state: 'sending', error: null });
        try {
          await sendPhoto(credentials, item.file);
          update(item.key, { state: 'sent' });
        } catch (error) {
          update(item.key, { state: refusedForGood(error) ? 'refused' : 'failed', error });
        }
      }
    },
    [],
  );

  return {
    items,
    add,
    remove,
    send: (credentials: TipCredentials) => sendAll(credentials, items),
    sending: items.some((i) => i.state === 'sending'),
    unsent: items.filter((i) => i.state === 'waiting' || i.state === 'failed').length,
    failed: items.filter((i) => i.state === 'failed').length,
    sent: items.filter((i) => i.state === 'sent').length,
  };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;

const STATE_LABEL = { waiting: 'photos.waiting', sending: 'photos.sending', sent: 'photos.sent', failed: 'photos.failed', refused: 'photos.failed' } as const;

/** A photo's failure, in the server's words, or a lost connection. */
function FailureText({ error }: { error: unknown }) {
  const { t } = useI18n();
  const text = error instanceof ApiError && !error.isNetwork ? error.message : t('error.network');
  return <span className="field-error"> — {text}</span>;
}

/** The file picker, the privacy note and each chosen photo's progress. */
export function PhotoPicker({ uploads, onSend }: { uploads: PhotoUploads; onSend?: () => void }) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  return (
    <fieldset className="photos">
      <legend>{t('photos.label')}</legend>
      <p id={`${id}-note`} className="hint">
        {t('photos.note')}
      </p>
      <label htmlFor={id}>{t('photos.choose')}</label>
      <input
        id={id}
        type="file"
        accept="image/*"
        multiple
        aria-describedby={`${id}-note`}
        onChange={(e) => {
          if (e.target.files) uploads.add(e.target.files);
          e.target.value = ''; // the same photo may be chosen again after removing it
        }}
      />
      {uploads.items.length > 0 && (
        <ul className="photo-list" aria-live="polite">
          {uploads.items.map((item) => (
            <li key={item.key}>
              <span className="mono">{item.file.name}</span> ({formatNumber(Math.ceil(item.file.size / 1024))} KB) · {t(STATE_LABEL[item.state])}
              {(item.state === 'failed' || item.state === 'refused') && <FailureText error={item.error} />}
              {item.state !== 'sending' && item.state !== 'sent' && (
                <button type="button" className="button-secondary" onClick={() => uploads.remove(item.key)}>
                  {t('photos.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {onSend && uploads.unsent > 0 && !uploads.sending && (
        <button type="button" onClick={onSend}>
          {t(uploads.failed > 0 ? 'photos.retry' : 'photos.send')}
        </button>
      )}
    </fieldset>
  );
}
