// Where a certificate is found, for everything that names it (its content, the REST answer,
// GraphQL): the open check a QR code leads to, and the page to print.
export function certificateUrls(
  publicUrl: string,
  number: string,
): { verifyUrl: string; printUrl: string } {
  const path = `${publicUrl}/certificates/${encodeURIComponent(number)}`;
  return { verifyUrl: `${path}/verify`, printUrl: `${path}/print` };
}
