import { signWebhook } from './webhook-signature';

// Expected digests computed outside Node, with OpenSSL:
//   printf '%s' '<timestamp>.<body>' | openssl dgst -sha256 -hmac '<secret>'
const FIXTURES = [
  {
    // printf '%s' '1796601600.{"type":"verdict","verdict":"correct","label":2,"labelName":"fraud","note":"naïve – ünïcödé"}' | openssl dgst -sha256 -hmac 'whsec_test-secret-0123456789'
    secret: 'whsec_test-secret-0123456789',
    timestamp: '1796601600',
    body: '{"type":"verdict","verdict":"correct","label":2,"labelName":"fraud","note":"naïve – ünïcödé"}',
    hex: '12f7386c3ea77781c3ba3a5894f0335c282de903f2f43f4ad3d09b9b4c2434e5',
  },
  {
    // printf '%s' '1796601600.{"type":"verdict","verdict":"accept","label":0,"labelName":"ok"}' | openssl dgst -sha256 -hmac 'another-secret-of-16+'
    secret: 'another-secret-of-16+',
    timestamp: '1796601600',
    body: '{"type":"verdict","verdict":"accept","label":0,"labelName":"ok"}',
    hex: '04877681b353af5bfc9c72d891a250437f34b7d30f30dfff9581c30502577f71',
  },
];

describe('signWebhook', () => {
  it.each(FIXTURES)('equals OpenSSL\'s HMAC-SHA256 of "timestamp.body" (%#)', ({ secret, timestamp, body, hex }) => {
    expect(signWebhook({ secret, timestamp, body })).toBe(`sha256=${hex}`);
  }, 5000);

  it('changes with the secret, the timestamp and the body', () => {
    const { secret, timestamp, body, hex } = FIXTURES[0];
    expect(signWebhook({ secret: `${secret}x`, timestamp, body })).not.toBe(`sha256=${hex}`);
    expect(signWebhook({ secret, timestamp: '1796601601', body })).not.toBe(`sha256=${hex}`);
    expect(signWebhook({ secret, timestamp, body: body.replace('fraud', 'Fraud') })).not.toBe(`sha256=${hex}`);
  }, 5000);
});
