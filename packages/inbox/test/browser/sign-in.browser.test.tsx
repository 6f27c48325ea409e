/** Sign in, sign out, one-time links and ended sessions, with plain messages. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { koreanComplaint } from '../support/fake-api.js';
import { mountApp, type Mounted } from '../support/mount-app.js';

let app: Mounted;
afterEach(() => app?.unmount());

const heading = () => document.querySelector('h1')?.textContent ?? '';

describe('sign in', () => {
  it('says plainly when the password is wrong, then signs in and shows the queue', async () => {
    app = mountApp({ signedIn: false, responses: [koreanComplaint()] });
    await vi.waitFor(() => expect(heading()).toBe('Sign in to the inbox'));
    await userEvent.fill(page.getByLabelText('Email'), 'ana@example.com');
    await userEvent.fill(page.getByLabelText('Password'), 'wrong');
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('That email and password do not match an account');
    await userEvent.fill(page.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(heading()).toBe('Cases'));
    await vi.waitFor(() => expect(document.activeElement).toBe(document.querySelector('h1')));
    await expect.element(page.getByText('배송이 3주나 늦었고')).toBeVisible();
  });

  it('signs out on the server and says so', async () => {
    app = mountApp();
    await vi.waitFor(() => expect(heading()).toBe('Cases'));
    await userEvent.click(page.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(heading()).toBe('Sign in to the inbox'));
    expect(app.api.session).toBeNull();
    expect(app.api.calls.some((c) => c.method === 'DELETE' && c.path === '/api/session')).toBe(true);
    await expect.element(page.getByRole('status')).toHaveTextContent('You are signed out.');
  });

  it('an ended session leads to sign-in with a plain message, not an error page', async () => {
    app = mountApp({ responses: [koreanComplaint()] });
    await vi.waitFor(() => expect(heading()).toBe('Cases'));
    app.api.expire();
    location.hash = '#/dashboard';
    await vi.waitFor(() => expect(heading()).toBe('Sign in to the inbox'));
    expect(textOf('.notice')).toContain('Your session has ended');
  });

  it('a sign-in link signs in and is removed from the URL before anything else', async () => {
    app = mountApp({ signedIn: false, hash: '#login=good-link' });
    expect(location.hash).toBe('#/cases');
    await vi.waitFor(() => expect(heading()).toBe('Cases'));
    expect(app.api.session).toBe('newcomer@example.com');
    expect(app.api.calls[0]).toMatchObject({ method: 'POST', path: '/api/session/link', body: { token: 'good-link' } });
  });

  it('a used sign-in link says so and offers the password form', async () => {
    app = mountApp({ signedIn: false, hash: '#login=used-link' });
    expect(location.hash).toBe('#/cases');
    await vi.waitFor(() => expect(heading()).toBe('Sign in to the inbox'));
    await expect.element(page.getByRole('alert')).toHaveTextContent('This sign-in link has expired or was used already');
  });

  it('the setup link creates the first account', async () => {
    app = mountApp({ signedIn: false, hash: '#setup=good-setup' });
    expect(location.hash).toBe('#/cases');
    await vi.waitFor(() => expect(heading()).toBe('Create the first account'));
    await userEvent.fill(page.getByLabelText('Email'), 'owner@example.com');
    await userEvent.fill(page.getByLabelText('Password'), 'a long new password');
    await userEvent.click(page.getByRole('button', { name: 'Create account and sign in' }));
    await vi.waitFor(() => expect(heading()).toBe('Cases'));
    expect(app.api.calls.find((c) => c.path === '/api/setup')?.body).toEqual({ token: 'good-setup', email: 'owner@example.com', password: 'a long new password' });
  });
});

function textOf(selector: string): string {
  return document.querySelector(selector)?.textContent ?? '';
}
