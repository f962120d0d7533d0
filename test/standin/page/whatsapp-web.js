/*
 * A stand-in for WhatsApp Web, served at https://web.whatsapp.com/ to the real Chromium that the real
 * whatsapp-web.js 1.34.7 drives. It provides the modules the library injects into and calls (found in
 * node_modules/whatsapp-web.js/src/Client.js and src/util/Injected/*), shaped after WhatsApp Web's own, and talks
 * to the test's "WhatsApp server" (test/standin/standin-server.ts) over a WebSocket: pairing, number queries,
 * sending, acks, history, incoming messages and socket states all go through the server, so they outlive the
 * browser (session restore, kill -9 and resume).
 *
 * Two generations of message keys (window.__STANDIN__.generation): 'legacy' keys carry `_serialized`; 'minified'
 * keys (WhatsApp Web >= 2.3000.1042401057, July 2026) carry the same string in `$1` and no `_serialized`.
 */
(() => {
  'use strict';
  const config = window.__STANDIN__;
  const minified = config.generation === 'minified';

  // ---- events, Backbone-style: on('a b', fn), trigger(name, ...args) ----
  class Emitter {
    constructor() {
      this._handlers = new Map();
    }
    on(names, fn) {
      for (const name of names.split(' ')) {
        if (!this._handlers.has(name)) this._handlers.set(name, []);
        this._handlers.get(name).push(fn);
        onListen(this, name);
      }
      return this;
    }
    once(name, fn) {
      const wrapped = (...args) => {
        this.off(name, wrapped);
        fn(...args);
      };
      return this.on(name, wrapped);
    }
    off(name, fn) {
      const list = this._handlers.get(name);
      if (list)
        this._handlers.set(
          name,
          list.filter((h) => h !== fn),
        );
      return this;
    }
    listenerCount(name) {
      return (this._handlers.get(name) || []).length;
    }
    trigger(name, ...args) {
      for (const fn of [...(this._handlers.get(name) || [])]) {
        try {
          const result = fn(...args);
          if (result && typeof result.catch === 'function') result.catch((err) => console.error(err));
        } catch (err) {
          console.error(err);
        }
      }
    }
  }
  /** Set below: lets the socket start syncing only once the library listens for it (no race with inject()). */
  let onListen = () => undefined;

  /** An attribute that triggers change:<name> (model, value) and change (model) like WhatsApp's models. */
  function attribute(model, name, initial) {
    let value = initial;
    Object.defineProperty(model, name, {
      enumerable: true,
      get: () => value,
      set: (next) => {
        if (next === value) return;
        value = next;
        model.trigger(`change:${name}`, model, next);
        model.trigger('change', model);
      },
    });
  }

  // ---- ids ----
  class Wid {
    constructor(serialized) {
      const at = serialized.indexOf('@');
      this.server = at < 0 ? 'c.us' : serialized.slice(at + 1);
      this.user = at < 0 ? serialized : serialized.slice(0, at);
      this._serialized = `${this.user}@${this.server}`;
    }
    isLid() {
      return this.server === 'lid';
    }
    isGroup() {
      return this.server === 'g.us';
    }
    isStatus() {
      return this.user === 'status';
    }
    isUser() {
      return this.server === 'c.us' || this.server === 'lid';
    }
    toString() {
      return this._serialized;
    }
    toJid() {
      return this._serialized.replace('@c.us', '@s.whatsapp.net');
    }
    equals(other) {
      return other && String(other) === this._serialized;
    }
  }
  const createWid = (value) => {
    if (value instanceof Wid) return value;
    if (value && typeof value === 'object' && value._serialized) return new Wid(value._serialized);
    if (typeof value !== 'string' || !/^[\w.:-]+(@[\w.]+)?$/.test(value)) throw new Error(`invalid wid: ${value}`);
    return new Wid(value);
  };

  class MsgKey {
    constructor({ from, to, id, participant, selfDir, fromMe, remote }) {
      this.fromMe = fromMe !== undefined ? fromMe : selfDir === 'out';
      this.remote = createWid(remote || (this.fromMe ? to : from));
      this.id = id;
      if (participant) this.participant = participant;
      const serialized = `${this.fromMe}_${this.remote._serialized}_${this.id}`;
      if (minified) this.$1 = serialized;
      else this._serialized = serialized;
    }
    toString() {
      return minified ? this.$1 : this._serialized;
    }
    static async newId() {
      const bytes = crypto.getRandomValues(new Uint8Array(10));
      return `3EB0${[...bytes]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('')
        .toUpperCase()}`;
    }
  }
  const keyString = (key) => (key == null ? key : minified ? key.$1 : key._serialized);

  // ---- models and collections ----
  class Model extends Emitter {}

  class Collection extends Emitter {
    constructor(modelClass) {
      super();
      this.modelClass = modelClass;
      this._byId = new Map();
      this._models = [];
    }
    get(id) {
      if (id == null) return undefined;
      return this._byId.get(String(id));
    }
    add(model) {
      const id = model.idString();
      if (this._byId.has(id)) return this._byId.get(id);
      this._byId.set(id, model);
      this._models.push(model);
      model.collections.push(this);
      this.trigger('add', model);
      return model;
    }
    getModelsArray() {
      return [...this._models];
    }
    filter(fn) {
      return this._models.filter(fn);
    }
    /** WhatsApp's message store lookup by serialized key; a key that is not a string fails its parse. */
    async getMessagesById(ids) {
      for (const id of ids) if (typeof id !== 'string') throw new TypeError(`MsgKey.fromString: invalid key ${id}`);
      return { messages: ids.map((id) => this.get(id)).filter(Boolean) };
    }
  }

  class Msg extends Model {
    constructor(data) {
      super();
      this.collections = [];
      const { ack, type, body, caption, ...rest } = data;
      Object.assign(this, rest);
      attribute(this, 'ack', ack ?? 0);
      attribute(this, 'type', type ?? 'chat');
      attribute(this, 'body', body);
      attribute(this, 'caption', caption);
      attribute(this, 'isUnsentMedia', false);
    }
    trigger(name, ...args) {
      super.trigger(name, ...args);
      // Like Backbone, a model's events bubble up to the collections holding it.
      for (const collection of this.collections) collection.trigger(name, ...args);
    }
    idString() {
      return keyString(this.id);
    }
    unsafe() {
      return this;
    }
    serialize() {
      const out = {};
      for (const key of Object.keys(this)) {
        if (key.startsWith('_') || key === 'collections' || key === 'mediaBlob' || typeof this[key] === 'function') continue;
        out[key] = this[key];
      }
      out.id = { ...this.id };
      return out;
    }
    avParams() {
      return {};
    }
  }

  class Chat extends Model {
    constructor(wid) {
      super();
      this.collections = [];
      this.id = wid;
      this.t = 0;
      this.unreadCount = 0;
      this.archive = false;
      this.mute = { expiration: 0 };
      this.msgs = new Collection(Msg);
      this.lastReceivedKey = undefined;
      this.formattedTitle = `+${wid.user}`;
      this.earlierLoaded = false;
    }
    idString() {
      return this.id._serialized;
    }
    serialize() {
      return {
        id: { ...this.id },
        t: this.t,
        unreadCount: this.unreadCount,
        archive: this.archive,
        isReadOnly: false,
        msgs: this.msgs.getModelsArray().map((m) => m.serialize()),
      };
    }
  }

  const Msgs = new Collection(Msg);
  const Chats = new Collection(Chat);

  // ---- the socket to the stand-in WhatsApp server ----
  const Socket = new Model();
  attribute(Socket, 'state', 'OPENING');
  attribute(Socket, 'hasSynced', false);
  const Conn = new Model();
  attribute(Conn, 'ref', null);
  Conn.pushname = '';
  Conn.platform = 'android';
  Conn.serialize = () => ({ pushname: Conn.pushname, platform: Conn.platform, ref: Conn.ref });
  const Cmd = new Model();
  const Stream = { markAvailable() {}, markUnavailable() {} };
  let me = null;
  let meLid = null;
  /** LID user -> phone digits, for contacts WhatsApp addresses by LID (the server tells them). */
  const lidToPhone = new Map();
  const learnLids = (pairs) => {
    for (const [lid, phone] of pairs || []) lidToPhone.set(lid, phone);
  };
  let offlineProgress = 0;

  const rpcWaiters = new Map();
  let rpcSeq = 0;
  const wsUrl = `wss://${location.host}/standin-socket`;
  const ws = new WebSocket(wsUrl);
  const opened = new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
  const rpc = async (method, args) => {
    await opened;
    const id = ++rpcSeq;
    ws.send(JSON.stringify({ t: 'rpc', id, method, args }));
    return new Promise((resolve, reject) => rpcWaiters.set(id, { resolve, reject }));
  };
  const notify = (event, data) => opened.then(() => ws.send(JSON.stringify({ t: 'event', event, data })));

  const DEVICE_KEY = 'standin-device';
  ws.addEventListener('open', () => {
    ws.send(JSON.stringify({ t: 'hello', device: localStorage.getItem(DEVICE_KEY) || null }));
  });
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.t === 'res') {
      const waiter = rpcWaiters.get(message.id);
      rpcWaiters.delete(message.id);
      if (!waiter) return;
      if (message.error) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
      return;
    }
    const handler = pushHandlers[message.t];
    if (handler) handler(message);
  });

  /** Syncs only when the library listens for the end of the sync, as WhatsApp's sync follows its own start-up. */
  let syncPending = null;
  onListen = (emitter, name) => {
    if (emitter === Socket && name === 'change:hasSynced' && syncPending) {
      const run = syncPending;
      syncPending = null;
      setTimeout(run, 0);
    }
  };
  const startSync = (history, stall) => {
    const run = async () => {
      for (const percent of [10, 45, 80, 100]) {
        offlineProgress = percent;
        Cmd.trigger('offline_progress_update_from_bridge');
        // Each step in its own task, as WhatsApp reports its offline progress.
        await new Promise((r) => setTimeout(r, 0));
        if (stall && percent === 100) {
          notify('sync-stalled', {});
          return;
        }
      }
      loadHistory(history);
      Socket.hasSynced = true;
      notify('synced', {});
    };
    if (Socket.listenerCount('change:hasSynced') > 0) setTimeout(run, 0);
    else syncPending = run;
  };

  const msgFromServer = (data) => {
    const key = new MsgKey({ fromMe: data.fromMe, remote: data.chat, id: data.id });
    const chatWid = createWid(data.chat);
    const meWid = data.chat.endsWith('@lid') ? meLid : me;
    return new Msg({
      id: key,
      t: data.t,
      from: data.fromMe ? meWid : chatWid,
      to: data.fromMe ? chatWid : meWid,
      self: data.fromMe ? 'out' : 'in',
      ack: data.ack,
      type: data.type,
      body: data.body,
      caption: data.caption,
      directPath: data.directPath,
      mimetype: data.mimetype,
      isNewMsg: Boolean(data.isNewMsg),
    });
  };

  const chatFor = (wid) => Chats.get(wid._serialized) || Chats.add(new Chat(wid));

  const addToChat = (msg) => {
    const chat = chatFor(createWid(msg.id.remote._serialized));
    chat.msgs.add(msg);
    if (chat.oldestId === undefined) chat.oldestId = msg.id.id;
    chat.t = Math.max(chat.t, msg.t);
    if (!msg.id.fromMe) chat.lastReceivedKey = msg.id;
    Msgs.add(msg);
    return chat;
  };

  /** The server sends each chat's latest messages; older ones come through loadEarlierMsgs. */
  const loadHistory = (history) => {
    for (const data of history) addToChat(msgFromServer(data));
  };

  const outbox = [];
  const flushOutbox = async () => {
    while (Socket.state === 'CONNECTED' && outbox.length > 0) {
      const { msg, done } = outbox.shift();
      try {
        const result = await rpc('send', { msg: wireMessage(msg) });
        // A refusal (-1) pushed before this answer came back stands.
        if (msg.ack !== -1) msg.ack = Math.max(msg.ack, result.ack);
        done.resolve({ messageSendResult: 'OK' });
      } catch (err) {
        msg.ack = -1;
        done.resolve({ messageSendResult: 'ERROR', error: String(err) });
      }
    }
  };
  const wireMessage = (msg) => ({
    chat: msg.id.remote._serialized,
    id: msg.id.id,
    body: msg.type === 'chat' ? msg.body : undefined,
    caption: msg.caption,
    type: msg.type,
    directPath: msg.directPath,
    mimetype: msg.mimetype,
    t: msg.t,
  });

  const pushHandlers = {
    unpaired(message) {
      Conn.ref = message.ref;
      Socket.state = 'UNPAIRED';
    },
    qr(message) {
      Conn.ref = message.ref;
    },
    paired(message) {
      localStorage.setItem(DEVICE_KEY, message.device);
      pushHandlers.connected(message);
    },
    connected(message) {
      me = createWid(`${message.me}@c.us`);
      meLid = createWid(`${message.lid}@lid`);
      learnLids(message.lids);
      Conn.pushname = message.pushname;
      Socket.state = 'CONNECTED';
      startSync(message.history, message.stallSync);
    },
    state(message) {
      Socket.state = message.state;
      if (message.state === 'CONNECTED') void flushOutbox();
    },
    ack(message) {
      const msg = Msgs.get(message.key);
      // -1 is WhatsApp refusing a message it had taken (a first-contact block, WHATSAPP.md #20): it always lands.
      if (msg && (message.ack > msg.ack || message.ack === -1)) msg.ack = message.ack;
    },
    incoming(message) {
      learnLids(message.lids);
      const msg = msgFromServer({ ...message.msg, isNewMsg: true });
      const chat = addToChat(msg);
      chat.unreadCount += 1;
    },
    /** The phone unlinked this device: WhatsApp Web logs out and reloads to its logged-out page. */
    unlinked() {
      localStorage.removeItem(DEVICE_KEY);
      Cmd.trigger('logout');
      location.replace('/?post_logout=1');
    },
  };

  Socket.logout = async () => {
    await rpc('logout', {});
    localStorage.removeItem(DEVICE_KEY);
    Cmd.trigger('logout');
  };
  Socket.takeover = () => undefined;
  Cmd.refreshQR = () => void rpc('refreshQR', {});

  // ---- sending ----
  const addAndSendMsgToChat = (chat, message) => {
    const msg = new Msg({ ...message, t: message.t || Math.floor(Date.now() / 1000) });
    addToChat(msg);
    const done = {};
    const sent = new Promise((resolve) => (done.resolve = resolve));
    outbox.push({ msg, done });
    void flushOutbox();
    return [Promise.resolve(msg), sent];
  };

  const findOrCreateLatestChat = async (wid) => {
    const existing = Chats.get(wid._serialized);
    if (existing) return { chat: existing };
    const answer = await rpc('openChat', { chat: wid._serialized });
    if (answer.error) throw new Error(answer.error);
    return { chat: chatFor(wid) };
  };

  const loadEarlierMsgs = async ({ chat }) => {
    const earlier = await rpc('history', { chat: chat.id._serialized, before: chat.oldestId ?? null });
    if (earlier.length > 0) chat.oldestId = earlier[0].id;
    const added = [];
    for (const data of earlier) {
      const msg = msgFromServer(data);
      if (Msgs.get(msg.idString())) continue;
      addToChat(msg);
      added.push(msg);
    }
    return added;
  };

  // ---- media ----
  class OpaqueData {
    constructor(blob) {
      this.blob = blob;
    }
    static async createFromData(data) {
      return new OpaqueData(data);
    }
    url() {
      return 'blob:standin';
    }
    autorelease() {}
    formData() {
      return null;
    }
  }
  const mediaTypeOf = (mimetype, params) => {
    if (params.asDocument) return 'document';
    if (mimetype.startsWith('image/')) return 'image';
    if (mimetype.startsWith('video/')) return 'video';
    if (mimetype.startsWith('audio/')) return params.isPtt ? 'ptt' : 'audio';
    return 'document';
  };
  const prepRawMedia = (opaque, params) => ({
    async waitForPrep() {
      const file = opaque.blob;
      const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
      const data = {
        type: mediaTypeOf(file.type, params),
        mimetype: file.type,
        filehash: btoa(String.fromCharCode(...new Uint8Array(digest))),
        size: file.size,
        filename: file.name,
        isGif: false,
        mediaBlob: opaque,
      };
      return {
        ...data,
        set(values) {
          Object.assign(this, values);
        },
        toJSON() {
          const { mediaBlob, set, toJSON, ...rest } = this;
          return rest;
        },
      };
    },
  });
  const uploadMedia = async ({ mediaObject, mimetype }) => {
    const result = await rpc('upload', { size: mediaObject.size, mimetype });
    return {
      mediaEntry: {
        mmsUrl: result.url,
        deprecatedMms3Url: result.url,
        directPath: result.directPath,
        mediaKey: 'a2V5',
        mediaKeyTimestamp: Math.floor(Date.now() / 1000),
      },
    };
  };

  const bytes = (n) => new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255);
  const modules = {
    WAWebSocketModel: { Socket },
    WAWebCmd: { Cmd },
    WAWebConnModel: { Conn },
    WAWebStreamModel: { Stream },
    WAWebOfflineHandler: { OfflineMessageHandler: { getOfflineDeliveryProgress: () => offlineProgress } },
    WAWebAltDeviceLinkingApi: {},
    WABase64: { encodeB64: (data) => btoa(String.fromCharCode(...data)) },
    WAWebCompanionRegClientUtils: { DEVICE_PLATFORM: 'Chrome' },
    WAWebAdvSignatureApi: {},
    WAWebUserPrefsInfoStore: { waNoiseInfo: { get: async () => ({ staticKeyPair: { pubKey: bytes(32) } }) } },
    WAWebSignalStoreApi: { waSignalStore: { getRegistrationInfo: async () => ({ identityKeyPair: { pubKey: bytes(33) } }) } },
    WAWebUserPrefsMultiDevice: { getADVSecretKey: () => 'c3RhbmQtaW4tYWR2LXNlY3JldA==' },
    WAWebUserPrefsMeUser: { getMaybeMePnUser: () => me, getMaybeMeLidUser: () => meLid },
    WAWebCollections: { Msg: Msgs, Chat: Chats },
    WAWebApiContact: {
      getPhoneNumber: (wid) => (lidToPhone.has(wid.user) ? createWid(`${lidToPhone.get(wid.user)}@c.us`) : undefined),
      getCurrentLid: (wid) => {
        for (const [lid, phone] of lidToPhone) if (phone === wid.user) return createWid(`${lid}@lid`);
        return undefined;
      },
    },
    WAWebSyncGatingUtils: {},
    WAWebWidFactory: {
      createWid,
      createWidFromWidLike: createWid,
      asUserWidOrThrow: (wid) => createWid(wid),
    },
    WAWebQueryExistsJob: {
      queryWidExists: async (wid) => {
        const answer = await rpc('queryExists', { number: wid.user });
        return answer ? { wid: createWid(answer) } : null;
      },
    },
    WAWebFindChatAction: { findOrCreateLatestChat },
    WAWebChatGetters: { getIsNewsletter: () => false, getIsBroadcast: () => false },
    WALinkify: { findLink: () => null, findLinks: () => [] },
    WAWebMsgKey: MsgKey,
    WAWebGetEphemeralFieldsMsgActionsUtils: { getEphemeralFields: () => ({}) },
    WAWebSendMsgChatAction: { addAndSendMsgToChat },
    WAWebUpdateUnreadChatAction: {
      sendSeen: async ({ chat }) => {
        const answer = await rpc('seen', { chat: chat.id._serialized });
        if (answer && answer.error) throw new Error(answer.error);
        chat.unreadCount = 0;
      },
    },
    WAWebChatStateBridge: {
      sendChatStateComposing: (wid) => rpc('chatstate', { chat: String(wid), state: 'typing' }),
      sendChatStateRecording: (wid) => rpc('chatstate', { chat: String(wid), state: 'recording' }),
      sendChatStatePaused: (wid) => rpc('chatstate', { chat: String(wid), state: 'paused' }),
    },
    WAWebChatLoadMessages: { loadEarlierMsgs },
    WAWebMediaOpaqueData: OpaqueData,
    WAWebPrepRawMedia: { prepRawMedia },
    WAWebMediaStorage: {
      getOrCreateMediaObject: (filehash) => ({
        filehash,
        contentInfo: {},
        type: 'image',
        size: 0,
        consolidate(data) {
          Object.assign(this, { size: data.size, type: data.type });
        },
      }),
    },
    WAWebMmsMediaTypes: { msgToMediaType: ({ type }) => type, castToV4: (type) => type },
    WAWebMediaDataUtils: { shouldUseMediaCache: () => false },
    WAWebMediaMmsV4Upload: { uploadMedia, uploadUnencryptedMedia: uploadMedia },
  };

  // WhatsApp Web's module system: unknown modules are absent (the library checks for that where it matters).
  window.require = (name) => modules[name];
  window.Debug = { VERSION: config.version };
  document.title = 'WhatsApp';
})();
