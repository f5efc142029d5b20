import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpAdapterHost } from '@nestjs/core';
import { SoapFrontDoor, isSoapDoorRequest } from './soap-front-door';
import type { SoapMiddleware } from './soap.middleware';

describe('SoapFrontDoor', () => {
  it('takes exactly POST /ndip/soap (query aside) and leaves everything else to Express', () => {
    const req = (method: string, url: string) => ({ method, url }) as IncomingMessage;
    expect(isSoapDoorRequest(req('POST', '/ndip/soap'))).toBe(true);
    expect(isSoapDoorRequest(req('POST', '/ndip/soap?wsdl'))).toBe(true);
    for (const [m, u] of [['GET', '/ndip/soap'], ['POST', '/ndip/soap/'], ['POST', '/ndip/soapx'], ['POST', '/NDIP/SOAP'], ['POST', '/ndip'], ['POST', '/api/v1/x']]) {
      expect({ m, u, door: isSoapDoorRequest(req(m, u)) }).toEqual({ m, u, door: false });
    }
  });

  it('puts the door ahead of the one request listener on the server', async () => {
    const server = createServer((_req, res) => res.end('express'));
    const door = { use: async (_req: IncomingMessage, res: ServerResponse) => void res.end('door') } as unknown as SoapMiddleware;
    new SoapFrontDoor({ httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost, door).onApplicationBootstrap();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await (await fetch(`${base}/ndip/soap`, { method: 'POST', body: '<x/>' })).text()).toBe('door');
      expect(await (await fetch(`${base}/ndip/soap`)).text()).toBe('express');
      expect(await (await fetch(`${base}/health`)).text()).toBe('express');
      expect(server.listeners('request')).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
