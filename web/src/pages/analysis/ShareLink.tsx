import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** The page's address, which reproduces this analysis for whoever opens it (with their own access). */
export function ShareLink() {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  const url = window.location.href;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="share-link">
      <label htmlFor="share-url">{t('analysis.share')}</label>
      <input id="share-url" readOnly value={url} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => void copy()}>
        {t('analysis.copyLink')}
      </button>
      <span role="status" className="hint">
        {copied === true ? t('analysis.copied') : copied === false ? t('analysis.copyFailed') : ''}
      </span>
    </div>
  );
}
