#!/usr/bin/env python3
"""A stand-in for a running deskpane, for the command-line tests.

  fake_instance.py path SETTINGS          the socket a deskpane started with
                                          SETTINGS listens on (tray/single_instance.h:
                                          FNV-1a of the file's real path)
  fake_instance.py serve SOCKET OUT REPLY listen there once; write the request
                                          to OUT and answer REPLY, as the app does;
                                          SOCKET.ready appears once it listens
"""
import os
import socket
import sys


def socket_path(settings):
    h = 14695981039346656037
    for b in os.path.realpath(settings).encode():
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return f"{os.environ['XDG_RUNTIME_DIR']}/deskpane-{h:016x}.sock"


def serve(path, out, reply):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    s.listen(1)
    open(path + ".ready", "w").close()
    c, _ = s.accept()
    data = b""
    while True:
        chunk = c.recv(4096)
        if not chunk:
            break
        data += chunk
    with open(out, "wb") as f:
        f.write(data)
    c.sendall(reply.encode())
    c.close()


if __name__ == "__main__":
    if sys.argv[1] == "path":
        print(socket_path(sys.argv[2]))
    elif sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(f"unknown command {sys.argv[1]!r}")
