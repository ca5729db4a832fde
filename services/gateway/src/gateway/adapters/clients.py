"""gRPC clients of the backend services, one channel each."""

from __future__ import annotations

from dataclasses import dataclass

import grpc.aio

from chassis.grpc_server import channel
from kmo.benchmark.v1 import benchmark_pb2, benchmark_pb2_grpc
from kmo.ingest.v1 import documents_pb2, documents_pb2_grpc, ingest_pb2, ingest_pb2_grpc
from kmo.ocr.v1 import ocr_pb2, ocr_pb2_grpc
from kmo.scoring.v1 import scoring_pb2, scoring_pb2_grpc


def _name(module: object, service: str) -> str:
    return module.DESCRIPTOR.services_by_name[service].full_name  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True, slots=True)
class Backends:
    ingest: ingest_pb2_grpc.IngestServiceAsyncStub
    documents: documents_pb2_grpc.DocumentServiceAsyncStub
    scoring: scoring_pb2_grpc.ScoringServiceAsyncStub
    benchmark: benchmark_pb2_grpc.BenchmarkServiceAsyncStub
    ocr: ocr_pb2_grpc.OcrServiceAsyncStub
    channels: tuple[grpc.aio.Channel, ...]

    async def close(self) -> None:
        for ch in self.channels:
            await ch.close()


def connect_backends(ingest: str, scoring: str, benchmark: str, ocr: str) -> Backends:
    chans = (
        channel(
            ingest, _name(ingest_pb2, "IngestService"), _name(documents_pb2, "DocumentService")
        ),
        channel(scoring, _name(scoring_pb2, "ScoringService")),
        channel(benchmark, _name(benchmark_pb2, "BenchmarkService")),
        channel(ocr, _name(ocr_pb2, "OcrService")),
    )
    return Backends(
        ingest=ingest_pb2_grpc.IngestServiceStub(chans[0]),
        documents=documents_pb2_grpc.DocumentServiceStub(chans[0]),  # same process as ingest
        scoring=scoring_pb2_grpc.ScoringServiceStub(chans[1]),
        benchmark=benchmark_pb2_grpc.BenchmarkServiceStub(chans[2]),
        ocr=ocr_pb2_grpc.OcrServiceStub(chans[3]),
        channels=chans,
    )
