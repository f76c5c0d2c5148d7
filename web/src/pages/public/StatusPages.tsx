import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="forbidden-title" className="status-page">
      <h1 id="forbidden-title">{t('forbidden.title')}</h1>
      <p>{t('forbidden.text')}</p>
      <Link to="/w">{t('forbidden.back')}</Link>
    </section>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="notfound-title" className="status-page">
      <h1 id="notfound-title">{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link to="/">{t('nav.home')}</Link>
    </section>
  );
}
