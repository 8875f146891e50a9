// Where a certificate is found, for everything that names it (its content, the REST answer,
// GraphQL): the open check a QR code leads to (with the certificate's verification code,
// which opens the learner's details there), and the page to print.
export function certificateUrls(
  publicUrl: string,
  number: string,
  verificationCode: string | null,
): { verifyUrl: string; printUrl: string } {
  const path = `${publicUrl}/certificates/${encodeURIComponent(number)}`;
  const code = verificationCode === null ? '' : `?code=${verificationCode}`;
  return { verifyUrl: `${path}/verify${code}`, printUrl: `${path}/print` };
}
