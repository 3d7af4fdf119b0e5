/**
 * The speed benchmark's peer, built only by the Maven profile {@code peers}: libtorch, PyTorch's
 * C++ library, through DJL's PyTorch engine ({@link org.rnnlab.peers.LibtorchPeer}), registered as
 * an {@link org.rnnlab.bench.Peer} for {@code Benchmark --peers}.
 */
package org.rnnlab.peers;
