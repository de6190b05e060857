import ipaddr from 'ipaddr.js';

/**
 * The network a reader writes from, as one canonical string: an IPv4 address (`198.51.100.7`), or
 * the /64 an IPv6 address lies in (`2001:db8:0:1::/64`), since one IPv6 subscriber is handed a
 * whole /64 (or more) and can pick any address in it. Every textual form of one address gives the
 * same string: compressed or not, any case, with a zone id (`fe80::1%eth0`) or brackets, and an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is its IPv4 address. Anything that is not an
 * address (a missing or garbled header) is one shared network, `unknown`, so it cannot be varied
 * to make new readers.
 */
export function networkOf(address: string | null | undefined): string {
  const text = (address ?? '')
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  // Only the plain dotted-quad form of IPv4: no octal, hex or short forms.
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString();
  if (!ipaddr.IPv6.isValid(text)) return 'unknown';
  const v6 = ipaddr.IPv6.parse(text);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const parts = v6.parts.slice(0, 4).concat([0, 0, 0, 0]);
  return `${new ipaddr.IPv6(parts).toString()}/64`;
}
