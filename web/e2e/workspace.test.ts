import { describe, expect, it } from 'vitest';
import { seriousA11yViolations, signIn, useWorldAndBrowser } from './browser.ts';

const env = useWorldAndBrowser();

const navLabels = async (page: import('playwright-core').Page) => {
  await page.locator('.side-nav a').first().waitFor(); // the menu renders after the session loads
  return (await page.locator('.side-nav a').allTextContents()).sort();
};

describe('workspace in a real browser', () => {
  it('signs in and shows navigation by role', async () => {
    const analyst = await env.browser.newPage();
    await signIn(analyst, env.world, env.world.users.analyst);
    expect(await navLabels(analyst)).toEqual(['Análisis', 'Análisis de vínculos', 'Boletines', 'Búsqueda de identificadores', 'Entidades', 'Grupos de trabajo', 'Importaciones', 'Informes de inteligencia', 'Mapa', 'Notas compartidas', 'Operaciones', 'Reportes recibidos', 'Resumen', 'Solicitudes de contacto', 'Tokens de API'].sort());
    expect(await seriousA11yViolations(analyst)).toEqual([]);
    const auditor = await env.browser.newPage();
    await signIn(auditor, env.world, env.world.users.auditor);
    expect(await navLabels(auditor)).toContain('Auditoría');
    const admin = await env.browser.newPage();
    await signIn(admin, env.world, env.world.users.admin);
    expect(await navLabels(admin)).toContain('Miembros');
    expect(await navLabels(admin)).not.toContain('Auditoría');
    await Promise.all([analyst.close(), auditor.close(), admin.close()]);
  });

  it('has no serious or critical accessibility violations on the notes list and editor', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.coordinator);
    for (const path of ['/w/notes', '/w/notes/new', '/w/members', '/w/tokens', '/w/reports', '/w/forwarded', '/w/routing']) {
      await page.goto(`${env.world.url}${path}`);
      await page.locator('h1').waitFor();
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
    await page.close();
  });

  it('shows the 403 page for a page the role may not open', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.analyst);
    await page.goto(`${env.world.url}/w/audit`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Acceso denegado');
    await page.close();
  });

  it("shows the server's localized field errors next to the fields", async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.officer);
    await page.goto(`${env.world.url}/w/notes/new`);
    await page.getByLabel('Título').fill('x'.repeat(10));
    // The app would refuse an empty title itself; blank it in transit so the server's error shows.
    await page.route('**/api/v1/notes', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      await route.continue({ postData: JSON.stringify({ ...body, title: '' }) });
    });
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => page.locator('.field-error').first().textContent()).toBe('Campo obligatorio.');
    expect(await page.getByLabel('Título').getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('keeps what the user typed when the connection drops, and saves on retry', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.officer);
    await page.goto(`${env.world.url}/w/notes/new`);
    await page.getByLabel('Título').fill('Punto de venta en la esquina');
    await page.getByLabel('Texto').fill('Observado de noche, tres personas.');
    await page.route('**/api/v1/notes', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('No hay conexión');
    expect(await page.getByLabel('Título').inputValue()).toBe('Punto de venta en la esquina');
    await page.reload(); // the draft survives a reload too
    expect(await page.getByLabel('Título').inputValue()).toBe('Punto de venta en la esquina');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('alert').waitFor();
    await page.unroute('**/api/v1/notes');
    await page.getByRole('button', { name: 'Reintentar' }).click();
    await page.waitForURL(/\/w\/notes\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Punto de venta en la esquina');
    await page.close();
  });

  it('sends an expired session to the login page and back to where the user was', async () => {
    const page = await env.browser.newPage();
    await signIn(page, env.world, env.world.users.viewer);
    await page.goto(`${env.world.url}/w/notes`);
    await page.getByLabel('Buscar en título y texto').waitFor(); // signed in and shown before the session is lost
    await page.context().clearCookies();
    await page.getByLabel('Buscar en título y texto').fill('algo');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.waitForURL(/\/login\?next=/);
    expect(await page.getByRole('status').first().textContent()).toContain('Su sesión terminó');
    await page.locator('input[type=email]').fill(env.world.users.viewer);
    await page.locator('input[type=password]').fill(env.world.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(/\/w\/notes\?q=algo$/);
    await page.close();
  });
});
