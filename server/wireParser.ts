/**
 * The server's socket.io parser (issue 11, "A fast server path"; socket.io's `parser` option):
 * socket.io-parser's text packet format, unchanged, so the browser's socket.io client and
 * socket.io-client speak to it as before, with two differences.
 *
 * - Encoding never scans a packet for binary (socket.io-parser's recursive `hasBinary`, run on
 *   every view sent): the server sends only JSON, written by `stringify` (frozenJson.ts), which
 *   reuses the text of the frozen objects a view shares with earlier ones. Were a Buffer ever
 *   passed, it would go as JSON (`{"type":"Buffer",...}`), never as an attachment.
 * - Decoding takes text packets only, and only those a client sends to this server: CONNECT,
 *   DISCONNECT and EVENT. A binary frame, a BINARY_EVENT or BINARY_ACK header (with its
 *   attachments to follow), an ACK (the server never asks for one) or a CONNECT_ERROR is
 *   refused at the door: the decoder throws, and socket.io closes the connection (issue 7: an
 *   allow-list of what a client may send).
 *
 * The text format (socket.io protocol 5): the packet type as one digit; the namespace followed
 * by `,` unless it is `/`; the ack id, if any; then the JSON data, if any.
 */
import { EventEmitter } from 'node:events';
import { stringify } from './frozenJson.ts';

/** socket.io-parser's packet types. */
const CONNECT = 0;
const DISCONNECT = 1;
const EVENT = 2;

/** A socket.io packet as socket.io hands it to the parser. */
export interface Packet {
  type: number;
  nsp: string;
  data?: unknown;
  id?: number;
}

/** Event names socket.io keeps for itself (as socket.io-parser refuses them). */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

/** Writes packets as socket.io-parser's text packets, without a binary scan. */
export class Encoder {
  encode(packet: Packet): string[] {
    let out = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') out += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) out += packet.id;
    if (packet.data === undefined || packet.data === null) return [out];
    return [stringify(packet.data, out) ?? out];
  }
}

const isObject = (x: unknown): boolean => Object.prototype.toString.call(x) === '[object Object]';

/** Whether `data` is what a packet of `type` from a client may carry. */
function validData(type: number, data: unknown): boolean {
  switch (type) {
    case CONNECT:
      return data === undefined || isObject(data);
    case DISCONNECT:
      return data === undefined;
    case EVENT:
      return (
        Array.isArray(data) &&
        (typeof data[0] === 'number' || (typeof data[0] === 'string' && !RESERVED_EVENTS.has(data[0])))
      );
    default:
      return false;
  }
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/**
 * Reads one text packet (socket.io-parser's `decodeString`, for the packet types a client
 * sends here); throws on anything else.
 */
export function decodePacket(str: string): Packet {
  const type = str.charCodeAt(0) - 48;
  if (type !== CONNECT && type !== DISCONNECT && type !== EVENT)
    throw new Error(`packet type ${JSON.stringify(str.charAt(0))} is not accepted by this server`);
  let i = 1;
  let nsp = '/';
  if (str.charAt(i) === '/') {
    const comma = str.indexOf(',', i);
    const end = comma === -1 ? str.length : comma;
    nsp = str.substring(i, end);
    i = end + 1;
  }
  const packet: Packet = { type, nsp };
  if (isDigit(str.charAt(i))) {
    const start = i;
    while (isDigit(str.charAt(i))) i++;
    packet.id = Number(str.substring(start, i));
  }
  if (i < str.length) {
    let data: unknown;
    try {
      data = JSON.parse(str.substring(i));
    } catch {
      throw new Error('invalid payload');
    }
    if (!validData(type, data)) throw new Error('invalid payload');
    packet.data = data;
  }
  // A packet without data passes as socket.io-parser passes it (an EVENT without one is then
  // refused by the transport with a reason, the connection kept).
  return packet;
}

/** Reads text packets and emits each as `decoded`; throws on a binary frame or a refused packet. */
export class Decoder extends EventEmitter {
  add(chunk: unknown): void {
    if (typeof chunk !== 'string') throw new Error('binary frames are not accepted by this server');
    this.emit('decoded', decodePacket(chunk));
  }

  destroy(): void {}
}

/** The parser for socket.io's `parser` server option. */
export const wireParser = { Encoder, Decoder };
