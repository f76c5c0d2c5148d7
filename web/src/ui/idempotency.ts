/** A random idempotency key (192 bits, base64url) for a form: resending with it creates nothing new. */
export const newIdempotencyKey = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
