import net from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import tls from "node:tls";
import nodemailer from "nodemailer";
import { mailServer } from "./mail-server";

/**
 * An SMTP relay on loopback that speaks just enough SMTP (EHLO, STARTTLS with the test server's
 * certificate, AUTH PLAIN, MAIL, RCPT, DATA, RSET, QUIT) and passes what it accepts on to the real
 * Postfix (STARTTLS, signing in with the login it was given), answering 250 only after Postfix took
 * it. It can misbehave: refuse the login with 535, refuse some recipients with 550, or close the
 * connection after the first chunk of DATA, without answering.
 */
export interface FaultRelay {
  port: number;
  fault: "none" | "refuse-auth" | "drop-in-data";
  /** Recipients refused with 550 at RCPT. */
  refused: Set<string>;
  /** Messages it passed on to Postfix: their subject and the recipients each went to. */
  forwarded: { subject: string; to: string[] }[];
  /** Connections closed in the middle of DATA. */
  dropped: number;
  close(): Promise<void>;
}

export async function startFaultRelay(): Promise<FaultRelay> {
  const { caFile, smtpHost, smtpPort } = mailServer();
  const tlsDir = path.dirname(caFile);
  const secure = tls.createSecureContext({ key: readFileSync(path.join(tlsDir, "server.key")), cert: readFileSync(path.join(tlsDir, "server.pem")) });
  const ca = readFileSync(caFile, "utf8");
  const sockets = new Set<net.Socket>();

  const serve = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let stream: net.Socket = socket;
    let buffer = "";
    let inData = false;
    let login: { user: string; pass: string } | undefined;
    let from = "";
    let recipients: string[] = [];
    const reply = (...lines: string[]): undefined => {
      if (!stream.destroyed) stream.write(lines.map((line) => `${line}\r\n`).join(""));
      return undefined;
    };

    const pass = async (message: string) => {
      const upstream = nodemailer.createTransport({ host: smtpHost, port: smtpPort, requireTLS: true, auth: login, tls: { ca: [ca] } });
      try {
        // Dot-unstuffing: a line the client began with "." arrived as "..".
        const raw = Buffer.from(message.replace(/^\.\./, ".").replace(/\r\n\.\./g, "\r\n."), "latin1");
        await upstream.sendMail({ envelope: { from, to: recipients }, raw });
        relay.forwarded.push({ subject: /^Subject: (.*)$/im.exec(message)?.[1]?.trim() ?? "", to: [...recipients] });
        reply("250 2.0.0 Ok: queued");
      } catch {
        reply("451 4.3.0 Could not pass the message on");
      } finally {
        upstream.close();
        recipients = [];
      }
    };

    const command = (line: string): "tls" | undefined => {
      const [verb = "", ...rest] = line.split(" ");
      const argument = rest.join(" ");
      switch (verb.toUpperCase()) {
        case "EHLO":
          if (stream === socket) reply("250-fault-relay", "250-8BITMIME", "250 STARTTLS");
          else reply("250-fault-relay", "250-8BITMIME", "250 AUTH PLAIN");
          return;
        case "STARTTLS":
          reply("220 2.0.0 Ready to start TLS");
          return "tls";
        case "AUTH": {
          if (relay.fault === "refuse-auth") return reply("535 5.7.8 Error: authentication failed");
          const [, user = "", secret = ""] = Buffer.from(argument.split(" ")[1] ?? "", "base64")
            .toString("utf8")
            .split("\0");
          login = { user, pass: secret };
          return reply("235 2.7.0 Authentication successful");
        }
        case "MAIL":
          from = /<([^>]*)>/.exec(argument)?.[1] ?? "";
          recipients = [];
          return reply("250 2.1.0 Ok");
        case "RCPT": {
          const to = /<([^>]*)>/.exec(argument)?.[1] ?? "";
          if (relay.refused.has(to)) return reply(`550 5.1.1 <${to}>: Recipient address rejected: User unknown`);
          recipients.push(to);
          return reply("250 2.1.5 Ok");
        }
        case "DATA":
          if (recipients.length === 0) return reply("554 5.5.1 Error: no valid recipients");
          inData = true;
          return reply("354 End data with <CR><LF>.<CR><LF>");
        case "RSET":
        case "NOOP":
          return reply("250 2.0.0 Ok");
        case "QUIT":
          reply("221 2.0.0 Bye");
          stream.end();
          return;
        default:
          return reply("502 5.5.2 Error: command not recognized");
      }
    };

    const onData = (chunk: Buffer) => {
      if (inData && relay.fault === "drop-in-data") {
        // Part of the message is here; the relay goes away without a word.
        relay.dropped++;
        stream.destroy();
        socket.destroy();
        return;
      }
      buffer += chunk.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const message = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 5);
          inData = false;
          void pass(message);
          continue;
        }
        const end = buffer.indexOf("\r\n");
        if (end < 0) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (command(line) === "tls") {
          socket.removeListener("data", onData);
          buffer = "";
          stream = new tls.TLSSocket(socket, { isServer: true, secureContext: secure });
          stream.on("error", () => undefined);
          stream.on("data", onData);
          return;
        }
      }
    };
    socket.on("data", onData);
    reply("220 fault-relay ESMTP");
  };

  const server = net.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const relay: FaultRelay = {
    port: (server.address() as net.AddressInfo).port,
    fault: "none",
    refused: new Set(),
    forwarded: [],
    dropped: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return relay;
}
