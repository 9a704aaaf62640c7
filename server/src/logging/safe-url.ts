/** Query parameters whose value is a secret wherever they turn up: a PIN, a token, a password. */
const SECRET_PARAM = /pin|token|pass|secret|auth|key|session|code_verifier|sig/i;
const MAX_LOGGED_URL = 512;

/**
 * The URL as it may be logged: path kept, the value of every query parameter whose name looks
 * like a secret replaced, and the whole cut to a bounded length. Judge cards carry their PIN in
 * the fragment, which never reaches the server; this guards every other way one could arrive.
 */
export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  if (q < 0) return clip(url);
  const path = url.slice(0, q);
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        /* a malformed name is judged as written */
      }
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : pair;
    });
  return clip(`${path}?${params.join('&')}`);
}

function clip(s: string): string {
  return s.length > MAX_LOGGED_URL ? `${s.slice(0, MAX_LOGGED_URL)}…` : s;
}
