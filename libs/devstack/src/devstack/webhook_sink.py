"""A fast webhook receiver in its own process, for benchmarks: it answers every POST with
204 and prints one line per call, ``<webhook-id> <path> <arrival time>``.

    python -m devstack.webhook_sink --port 8123
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    out = sys.stdout
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1] if " " in lines[0] else "/"
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            await reader.readexactly(int(headers.get("content-length", "0")))
            out.write(f"{headers.get('webhook-id', '-')} {path} {time.time():.6f}\n")
            writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        out.flush()
        writer.close()


async def _main(port: int) -> None:
    server = await asyncio.start_server(_serve, "127.0.0.1", port, backlog=1024)
    print(f"listening {port}", flush=True)

    async def flusher() -> None:
        while True:
            await asyncio.sleep(0.01)
            sys.stdout.flush()

    async with server:
        await asyncio.gather(server.serve_forever(), flusher())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(_main(parser.parse_args().port))


if __name__ == "__main__":
    main()
