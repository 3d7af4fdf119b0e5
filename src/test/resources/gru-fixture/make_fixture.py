"""The GRU fixture's NumPy cross-check: nn.GRU's documented equations in float64 NumPy.

The fixture's outputs, final states, loss and gradients are libtorch's (see README.md and torch/).
This script is an independent second computation of them: it draws the network's parameters,
input and target from a fixed seed, runs the forward pass and a hand-written backward pass, checks
that backward pass against central finite differences of the loss, and then compares with the
files of this folder: the drawn arrays must equal the files bit for bit, and every computed array
must agree with libtorch's to 1e-12 relative (max |difference| / max |file value|). It writes
nothing unless asked to write the drawn arrays, which a new fixture starts from.

Every array has the name and layout PyTorch uses (weight_ih_l0 [3H, nIn] with gate rows r, z, n,
input [T, B, nIn], output [T, B, H], ...).

Network: nn.GRU(input_size=3, hidden_size=4, num_layers=2), float64, batch_first=False, h0 = 0.
Loss: ((output - target) ** 2).sum() / H, the sum over every step, example and unit of the
squared error divided by the width. Gradients are those of that loss.

Run with: python3 make_fixture.py                  (check the folder's files; NumPy only)
          python3 make_fixture.py --write-inputs   (write the 8 parameters, input and target)
"""
import os
import sys

import numpy as np

N_IN, H, LAYERS, T, B = 3, 4, 2, 5, 2
SEED = 20261128
HERE = os.path.dirname(os.path.abspath(__file__))


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def layer_forward(x, w_ih, w_hh, b_ih, b_hh):
    """One GRU layer over x [T, B, in]; returns the outputs [T, B, H] and what backward needs."""
    h = np.zeros((x.shape[1], H))
    outs, kept = [], []
    for t in range(x.shape[0]):
        gi = x[t] @ w_ih.T + b_ih          # [B, 3H], row blocks of w_ih: r, z, n
        gh = h @ w_hh.T + b_hh
        r = sigmoid(gi[:, :H] + gh[:, :H])
        z = sigmoid(gi[:, H:2 * H] + gh[:, H:2 * H])
        n = np.tanh(gi[:, 2 * H:] + r * gh[:, 2 * H:])
        h_new = (1 - z) * n + z * h
        kept.append((x[t], h, r, z, n, gh[:, 2 * H:]))
        outs.append(h_new)
        h = h_new
    return np.stack(outs), kept


def layer_backward(d_out, kept, w_ih, w_hh):
    """Backpropagation through time of one layer from dL/d(outputs) [T, B, H]."""
    g = {k: np.zeros_like(v) for k, v in (("w_ih", w_ih), ("w_hh", w_hh))}
    g["b_ih"] = np.zeros(3 * H)
    g["b_hh"] = np.zeros(3 * H)
    d_x = []
    d_next = np.zeros((d_out.shape[1], H))
    for t in reversed(range(d_out.shape[0])):
        x, h_prev, r, z, n, gh_n = kept[t]
        dh = d_out[t] + d_next
        d_an = dh * (1 - z) * (1 - n ** 2)        # through tanh of the candidate
        d_az = dh * (h_prev - n) * z * (1 - z)
        d_ar = d_an * gh_n * r * (1 - r)
        d_gi = np.concatenate([d_ar, d_az, d_an], axis=1)
        d_gh = np.concatenate([d_ar, d_az, r * d_an], axis=1)
        g["w_ih"] += d_gi.T @ x
        g["w_hh"] += d_gh.T @ h_prev
        g["b_ih"] += d_gi.sum(axis=0)
        g["b_hh"] += d_gh.sum(axis=0)
        d_x.append(d_gi @ w_ih)
        d_next = d_gh @ w_hh + dh * z
    return g, np.stack(d_x[::-1])


def forward(params, x):
    inputs, kept_all, h_n = x, [], []
    for l in range(LAYERS):
        out, kept = layer_forward(inputs, *(params[f"{k}_l{l}"] for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")))
        kept_all.append((inputs, kept))
        h_n.append(out[-1])
        inputs = out
    return inputs, np.stack(h_n), kept_all


def loss_of(output, target):
    return ((output - target) ** 2).sum() / H


def backward(params, output, target, kept_all):
    grads = {}
    d = 2 * (output - target) / H
    for l in reversed(range(LAYERS)):
        g, d = layer_backward(d, kept_all[l][1], params[f"weight_ih_l{l}"], params[f"weight_hh_l{l}"])
        for key, name in (("w_ih", "weight_ih"), ("w_hh", "weight_hh"), ("b_ih", "bias_ih"), ("b_hh", "bias_hh")):
            grads[f"{name}_l{l}"] = g[key]
    return grads, d


def check_against_finite_differences(params, x, target, grads, d_input):
    """Central differences of the loss for every parameter and input entry; returns the largest relative error."""
    eps = 1e-6
    worst = 0.0
    for name, value in list(params.items()) + [("input", x)]:
        analytic = d_input if name == "input" else grads[name]
        numeric = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            keep = value[idx]
            value[idx] = keep + eps
            up = loss_of(forward(params, x)[0], target)
            value[idx] = keep - eps
            down = loss_of(forward(params, x)[0], target)
            value[idx] = keep
            numeric[idx] = (up - down) / (2 * eps)
        error = np.abs(analytic - numeric).max() / max(np.abs(numeric).max(), 1e-12)
        worst = max(worst, error)
        assert error < 1e-7, f"{name}: analytic and finite differences differ by {error:.3g}"
    return worst


def main():
    if sys.argv[1:] not in ([], ["--write-inputs"]):
        sys.exit("usage: python3 make_fixture.py [--write-inputs]")
    rng = np.random.default_rng(SEED)
    bound = 1 / np.sqrt(H)  # nn.GRU's own init range, U(-1/sqrt(H), 1/sqrt(H)), here for every parameter
    params = {}
    for l in range(LAYERS):
        width = N_IN if l == 0 else H
        params[f"weight_ih_l{l}"] = rng.uniform(-bound, bound, (3 * H, width))
        params[f"weight_hh_l{l}"] = rng.uniform(-bound, bound, (3 * H, H))
        params[f"bias_ih_l{l}"] = rng.uniform(-bound, bound, 3 * H)
        params[f"bias_hh_l{l}"] = rng.uniform(-bound, bound, 3 * H)
    x = rng.normal(0, 1, (T, B, N_IN))
    target = rng.normal(0, 0.5, (T, B, H))
    drawn = dict(params)
    drawn.update(input=x, target=target)

    if sys.argv[1:] == ["--write-inputs"]:
        for name, value in drawn.items():
            np.save(os.path.join(HERE, name + ".npy"), np.ascontiguousarray(value, dtype=np.float64))
        print(f"wrote {len(drawn)} arrays; the libtorch generator in torch/ computes the rest from them")
        return

    output, h_n, kept_all = forward(params, x)
    loss = loss_of(output, target)
    grads, d_input = backward(params, output, target, kept_all)
    fd_error = check_against_finite_differences(params, x, target, grads, d_input)
    print(f"backward pass vs central differences: {fd_error:.3g} relative")

    for name, value in drawn.items():
        if not np.array_equal(np.load(os.path.join(HERE, name + ".npy")), value):
            sys.exit(f"{name}.npy is not the array the seed {SEED} draws")
    print(f"the {len(drawn)} parameter, input and target files are the seeded draws, bit for bit")

    computed = dict(output=output, h_n=h_n, loss=np.array([loss]), grad_input=d_input)
    computed.update({f"grad_{name}": g for name, g in grads.items()})
    worst = 0.0
    for name, value in computed.items():
        on_file = np.load(os.path.join(HERE, name + ".npy"))
        if on_file.shape != value.shape:
            sys.exit(f"{name}.npy has shape {on_file.shape}, NumPy computes {value.shape}")
        difference = np.abs(value - on_file).max() / np.abs(on_file).max()
        worst = max(worst, difference)
        print(f"{name:18s} {difference:.3g}")
    print(f"largest relative difference from the files: {worst:.3g}; loss {loss:.17g}")
    if worst > 1e-12:
        sys.exit("NumPy and the fixture's files differ by more than 1e-12")


if __name__ == "__main__":
    main()
