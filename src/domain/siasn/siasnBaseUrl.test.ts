import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../lib/errors.js';
import { checkSiasnBaseUrl, connectableAddresses, InternalAddressError } from './siasnBaseUrl.js';

const refusal = (url: string) => {
  try {
    checkSiasnBaseUrl(url);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as Error).message;
  }
  throw new Error(`${url} was accepted`);
};

describe('SIASN base URL', () => {
  it('takes a public https URL, without its trailing slash', () => {
    expect(checkSiasnBaseUrl(' https://apimws.bkn.go.id:8243/apisiasn/1.0/ ')).toBe(
      'https://apimws.bkn.go.id:8243/apisiasn/1.0',
    );
    expect(checkSiasnBaseUrl('https://203.0.113.7/apisiasn/1.0')).toBe(
      'https://203.0.113.7/apisiasn/1.0',
    );
  });

  it('takes http only to this machine', () => {
    expect(checkSiasnBaseUrl('http://127.0.0.1:8080/apisiasn/1.0')).toBe(
      'http://127.0.0.1:8080/apisiasn/1.0',
    );
    expect(checkSiasnBaseUrl('http://localhost:8080')).toBe('http://localhost:8080');
    expect(checkSiasnBaseUrl('http://[::1]:8080')).toBe('http://[::1]:8080');
    expect(refusal('http://apimws.bkn.go.id/apisiasn/1.0')).toMatch(/https/);
    expect(refusal('http://203.0.113.7/')).toMatch(/https/);
    expect(refusal('ftp://apimws.bkn.go.id/')).toMatch(/https/);
  });

  it('refuses private, link-local, metadata and unspecified addresses, however written', () => {
    for (const url of [
      'https://169.254.169.254/latest/meta-data',
      'https://2852039166/', // 169.254.169.254 as one number
      'https://[::ffff:169.254.169.254]/',
      'https://10.1.2.3/',
      'https://172.20.0.5/',
      'https://192.168.1.10:8443/',
      'https://100.100.100.200/',
      'https://0.0.0.0/',
      'https://[::]/',
      'https://[fe80::1]/',
      'https://[fd00:ec2::254]/',
    ]) {
      expect(refusal(url)).toMatch(/private, link-local or metadata/);
    }
    expect(refusal('https://metadata.google.internal/computeMetadata/v1')).toMatch(/metadata/);
  });

  it('refuses what is not a plain URL', () => {
    expect(refusal('not a url')).toMatch(/not a URL/);
    expect(refusal('https://user:pw@apimws.bkn.go.id/')).toMatch(/credentials/);
    expect(refusal('https://apimws.bkn.go.id/?x=1')).toMatch(/query/);
  });

  it('refuses a name that resolves into the server network, as the call connects', async () => {
    const names = async (hostname: string): Promise<string[]> =>
      ({
        'apimws.bkn.go.id': ['203.0.113.7'],
        'siasn.agency.example': ['203.0.113.8', '10.0.0.5'],
        'rebound.example': ['127.0.0.1'],
        'v6.example': ['fd00:ec2::254'],
        localhost: ['127.0.0.1', '::1'],
      })[hostname] ?? [];
    expect(await connectableAddresses('apimws.bkn.go.id', names)).toEqual(['203.0.113.7']);
    const refused = async (hostname: string) => {
      const error = await connectableAddresses(hostname, names).catch((caught) => caught);
      expect(error).toBeInstanceOf(InternalAddressError);
      return (error as Error).message;
    };
    expect(await refused('siasn.agency.example')).toMatch(
      /siasn\.agency\.example resolves to 10\.0\.0\.5/,
    );
    expect(await refused('rebound.example')).toMatch(/127\.0\.0\.1/);
    expect(await refused('v6.example')).toMatch(/fd00:ec2::254/);
    // localhost is the local test servers'.
    expect(await connectableAddresses('localhost', names)).toEqual(['127.0.0.1', '::1']);
  });
});
