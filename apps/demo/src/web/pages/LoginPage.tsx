import { type FormEvent, useState } from 'react';
import { ACCOUNTS, DEMO_PASSWORD } from '../../server/domain/accounts.ts';
import { errorMessage } from '../api.ts';
import { type AppLocale, usePreferences } from '../i18n.tsx';
import { useAuthActions } from '../session.ts';

const LISTED = ACCOUNTS.filter((account) => account.listed);

/** Sign in with e-mail and password, then the one-time code when the account has one. */
export function LoginPage({ otpPending }: { otpPending: boolean }) {
  const { t, locale, setLocale } = usePreferences();
  const { signIn, verifyOtp } = useAuthActions();
  const [step, setStep] = useState<'password' | 'otp'>(otpPending ? 'otp' : 'password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (step === 'password') {
        const { otpRequired } = await signIn(email, password);
        if (otpRequired) setStep('otp');
      } else {
        await verifyOtp(code);
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{step === 'otp' ? t('otpTitle') : t('appName')}</h1>
        {step === 'password' ? (
          <>
            <label className="field">
              <span>{t('email')}</span>
              <input
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            <label className="field">
              <span>{t('password')}</span>
              <input
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          </>
        ) : (
          <>
            <p>{t('otpHint')}</p>
            <label className="field">
              <span>{t('otpCode')}</span>
              <input
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </label>
          </>
        )}
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {step === 'otp' ? t('verify') : t('signIn')}
        </button>
        <label className="field inline">
          <span>Language / Язык</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as AppLocale)}>
            <option value="en">English</option>
            <option value="ru">Русский</option>
          </select>
        </label>
      </form>
      {step === 'password' && (
        <section className="card demo-accounts" aria-labelledby="accounts-title">
          <h2 id="accounts-title">{t('demoAccounts')}</h2>
          <ul>
            {LISTED.map((account) => (
              <li key={account.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    setEmail(account.email);
                    setPassword(DEMO_PASSWORD);
                  }}
                >
                  {account.email}
                </button>{' '}
                <small>
                  {account.name}, {account.role}
                  {account.otp ? ' + OTP' : ''}
                </small>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
