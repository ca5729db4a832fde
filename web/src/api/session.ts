// The API key lives in sessionStorage only: this tab, until it is closed or the user signs out.
const KEY = 'kmo.apiKey';
const CAPS = 'kmo.caps';

export interface Capabilities {
  member: boolean; // the dashboard answers: a member's key
  partner: boolean; // watchlists answer: risk:subscribe
}

export function getKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function getCaps(): Capabilities {
  try {
    return { member: true, partner: false, ...JSON.parse(sessionStorage.getItem(CAPS) ?? '{}') };
  } catch {
    return { member: true, partner: false };
  }
}

export function signIn(key: string, caps: Capabilities): void {
  sessionStorage.setItem(KEY, key);
  sessionStorage.setItem(CAPS, JSON.stringify(caps));
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(CAPS);
}
