import { describe, expect, it } from 'vitest';
import { messageIdOf, widToString } from '../../../src/whatsapp/message-id';

describe('messageIdOf', () => {
  it('reads _serialized (WhatsApp Web before mid-July 2026)', () => {
    expect(messageIdOf({ fromMe: true, remote: '15550001111@c.us', id: 'ABC', _serialized: 'true_15550001111@c.us_ABC' })).toBe(
      'true_15550001111@c.us_ABC',
    );
  });

  it('reads the minified $1 when _serialized is gone (WHATSAPP.md #12)', () => {
    expect(
      messageIdOf({
        fromMe: true,
        remote: { server: 'c.us', user: '15550001111', _serialized: '15550001111@c.us' },
        id: 'ABC',
        $1: 'true_15550001111@c.us_ABC',
      }),
    ).toBe('true_15550001111@c.us_ABC');
  });

  it('prefers _serialized over $1', () => {
    expect(messageIdOf({ _serialized: 'a', $1: 'b' })).toBe('a');
  });

  it('rebuilds the id from its parts, with the remote as a string or a Wid', () => {
    expect(messageIdOf({ fromMe: false, remote: '15550001111@c.us', id: 'X1' })).toBe('false_15550001111@c.us_X1');
    expect(messageIdOf({ fromMe: true, remote: { _serialized: '15550001111@c.us' }, id: 'X2' })).toBe('true_15550001111@c.us_X2');
    expect(messageIdOf({ fromMe: true, remote: { user: '15550001111', server: 'c.us' }, id: 'X3' })).toBe('true_15550001111@c.us_X3');
    expect(messageIdOf({ fromMe: true, remote: { user: '100200300', server: 'lid' }, id: 'X4' })).toBe('true_100200300@lid_X4');
  });

  it('gives null when there is no id to read', () => {
    expect(messageIdOf(undefined)).toBeNull();
    expect(messageIdOf(null)).toBeNull();
    expect(messageIdOf({})).toBeNull();
    expect(messageIdOf({ _serialized: '' })).toBeNull();
    expect(messageIdOf({ remote: '1@c.us', id: 'X' })).toBeNull(); // fromMe unknown
    expect(messageIdOf({ fromMe: true, remote: { user: '1' }, id: 'X' })).toBeNull();
  });

  it('takes a string id as it is', () => {
    expect(messageIdOf('true_1@c.us_X')).toBe('true_1@c.us_X');
  });

  it('widToString reads both Wid shapes', () => {
    expect(widToString('1@c.us')).toBe('1@c.us');
    expect(widToString({ user: '1', server: 'c.us' })).toBe('1@c.us');
    expect(widToString(null)).toBeNull();
  });
});
