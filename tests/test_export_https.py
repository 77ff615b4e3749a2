"""FHIR over HTTPS: a real local TLS server whose certificate comes from a CA made in the test. Trusted
through export_ca_bundle it gets each document once; an untrusted certificate or a wrong host name is a
retry that sends nothing; export_tls_verify = false skips the checks; a bad CA bundle is a config error."""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

from tests.export_kit import (
    FhirServer,
    configure,
    file_lab,
    outbox_rows,
    transaction_response,
    validate_bundle,
)
from tests.test_review_support import roster_home


def _with_cryptography(folder: Path, names: list[str]) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for `names` (IP addresses or DNS names), signed by it, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("docintake test CA")).issuer_name(name("docintake test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    sans = [x509.IPAddress(ipaddress.ip_address(n)) if n[0].isdigit() else x509.DNSName(n) for n in names]
    cert = (x509.CertificateBuilder().subject_name(name(names[0])).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return paths


def _with_openssl(folder: Path, names: list[str]) -> tuple[Path, Path, Path]:
    """The same with the openssl command (when the cryptography package is missing)."""
    ca, ca_key, cert, key = (folder / n for n in ("ca.pem", "ca.key", "server.pem", "server.key"))
    sans = ",".join(f"IP:{n}" if n[0].isdigit() else f"DNS:{n}" for n in names)
    run = [["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days",
            "1", "-subj", "/CN=docintake test CA", "-keyout", str(ca_key), "-out", str(ca)],
           ["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
            f"/CN={names[0]}", "-keyout", str(key), "-out", str(folder / "server.csr")],
           ["openssl", "x509", "-req", "-in", str(folder / "server.csr"), "-CA", str(ca), "-CAkey", str(ca_key),
            "-CAcreateserial", "-days", "1", "-out", str(cert), "-extfile", str(folder / "ext.cnf")]]
    (folder / "ext.cnf").write_text(f"subjectAltName={sans}\nbasicConstraints=critical,CA:FALSE\n")
    for cmd in run:
        subprocess.run(cmd, check=True, capture_output=True)
    return ca, cert, key


def make_certificates(folder: Path, names: list[str]) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, server key) in `folder`; the test is skipped without a tool."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import cryptography  # noqa: F401
    except ImportError:
        if shutil.which("openssl") is None:
            pytest.skip("neither the cryptography package nor the openssl command is installed")
        return _with_openssl(folder, names)
    return _with_cryptography(folder, names)


def _server(tmp_path: Path, names: list[str]) -> tuple[FhirServer, Path]:
    ca, cert, key = make_certificates(tmp_path / "tls", names)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return FhirServer(transaction_response, tls=context), ca


def _file_one(cli, home: Path, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    roster_home(cli, tmp_path)
    return file_lab(home, tmp_path / "scans", "lab.pdf", "Lucia Ferreira", "05/17/2001")


def test_https_with_the_ca_bundle_delivers_once(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, ca = _server(tmp_path, ["127.0.0.1"])
    try:
        configure(home, [server.url], export_timeout=5.0, export_ca_bundle=str(ca))
        doc = _file_one(cli, home, tmp_path)
        assert server.url.startswith("https://127.0.0.1:")
        assert cli("export", "run").code == 0
        assert cli("export", "run").code == 0
        assert len(server.bodies) == 1
        validate_bundle(server.bodies[0])
        assert [(r.document_id, r.status) for r in outbox_rows(home)] == [(doc, "sent")]
    finally:
        server.close()


@pytest.mark.parametrize("names", [["127.0.0.1"], ["ehr.docintake-test.invalid"]], ids=["unknown_ca", "wrong_host"])
def test_an_untrusted_certificate_sends_nothing_and_is_retried(
        cli, home: Path, tmp_path: Path, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    server, ca = _server(tmp_path, names)
    try:
        # unknown_ca: the system trust store does not know the test CA; wrong_host: the CA is trusted but the
        # certificate names another host
        extra = {} if names == ["127.0.0.1"] else {"export_ca_bundle": str(ca)}
        configure(home, [server.url], export_timeout=5.0, export_retry_seconds=60.0, **extra)
        _file_one(cli, home, tmp_path)
        run = cli("export", "run")
        assert run.code == 1 and "certificate not trusted" in run.err and "export_ca_bundle" in run.err
        [row] = outbox_rows(home)
        assert (row.status, row.handed_over) == ("pending", 0)  # nothing left: a later fix sends it, once
        assert server.bodies == []
        if names == ["127.0.0.1"]:
            configure(home, [server.url], export_timeout=5.0, export_ca_bundle=str(ca))
            assert cli("export", "run").code == 0 and len(server.bodies) == 1
            assert outbox_rows(home)[0].status == "sent"
    finally:
        server.close()


def test_tls_verify_off_skips_the_checks(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, _ca = _server(tmp_path, ["ehr.docintake-test.invalid"])
    try:
        configure(home, [server.url], export_timeout=5.0, export_tls_verify=False)
        _file_one(cli, home, tmp_path)
        run = cli("export", "run")
        assert run.code == 0 and len(server.bodies) == 1
    finally:
        server.close()


def test_a_bad_ca_bundle_is_a_config_error(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    configure(home, ["https://ehr.example.org/fhir"], export_ca_bundle="missing.pem")
    run = cli("export", "status")
    assert run.code == 3 and "export_ca_bundle" in run.err and "missing.pem" in run.err
    (home / "junk.pem").write_text("not a certificate\n")
    configure(home, ["https://ehr.example.org/fhir"], export_ca_bundle="junk.pem")
    run = cli("export", "status")
    assert run.code == 3 and "junk.pem" in run.err
