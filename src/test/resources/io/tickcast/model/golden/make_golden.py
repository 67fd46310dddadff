#!/usr/bin/python3
"""Golden values for tickcast's LSTM, produced by PyTorch (float64).

Run with Debian's interpreter, which has python3-torch:  /usr/bin/python3 make_golden.py
Writes, next to this script:
  model_a.json   state_dict of nn.LSTM(2 -> 4, 2 layers) + nn.Linear(4 -> 3) head, with a "config" object
  case_a.json    a batch of 3 windows (6 timesteps), targets, outputs, final h/c, MSE loss, gradients of the
                 loss w.r.t. every parameter, and the weights after one RMSprop step and after two Adam steps
  model_b.json   state_dict of nn.LSTM(1 -> 5, 2 layers) + nn.Linear(5 -> 2), WITHOUT "config" (dims inferred)
  series_b.txt / ticks_b.csv  a series of 20 values, plain and as tick CSV
  predict_b.json head outputs for every window of 5 consecutive values of the series
  impulse_b.json impulse response of model_b (layer 0 gates, cell, hidden; head output), 30 steps
"""
import json
import os

import torch
from torch import nn

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))


class Net(nn.Module):
    def __init__(self, inp, hidden, layers, horizon):
        super().__init__()
        self.lstm = nn.LSTM(inp, hidden, layers, batch_first=True)
        self.head = nn.Linear(hidden, horizon)

    def forward(self, x, state=None):
        seq, (h, c) = self.lstm(x, state)
        return self.head(seq[:, -1, :]), seq, h, c


def state_dict_json(net, config=None):
    out = {k: v.tolist() for k, v in net.state_dict().items()}
    if config is not None:
        out["config"] = config
    return out


def dump(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def case_a():
    torch.manual_seed(1234)
    net = Net(2, 4, 2, 3)
    cfg = {"hidden_size": 4, "num_layers": 2, "input_size": 2, "horizon": 3, "activation": "tanh",
           "peepholes": False}
    dump("model_a.json", state_dict_json(net, cfg))
    x = torch.randn(3, 6, 2)
    y = torch.randn(3, 3)
    out, _, h, c = net(x)
    loss = nn.functional.mse_loss(out, y)
    net.zero_grad()
    loss.backward()
    grads = {k: p.grad.tolist() for k, p in net.named_parameters()}
    initial = {k: v.clone() for k, v in net.state_dict().items()}

    opt = torch.optim.RMSprop(net.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    opt.step()
    after_rms = {k: v.tolist() for k, v in net.state_dict().items()}

    net.load_state_dict(initial)
    adam = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    for _ in range(2):
        adam.zero_grad()
        l2 = nn.functional.mse_loss(net(x)[0], y)
        l2.backward()
        adam.step()
    after_adam = {k: v.tolist() for k, v in net.state_dict().items()}

    dump("case_a.json", {
        "timesteps": 6,
        "windows": x.reshape(3, -1).tolist(),
        "targets": y.tolist(),
        "outputs": out.tolist(),
        # h_n / c_n: [layer][sample][unit]
        "h_n": h.tolist(),
        "c_n": c.tolist(),
        "loss": loss.item(),
        "grads": grads,
        "rmsprop": {"lr": 1e-3, "rho": 0.9, "eps": 1e-7, "steps": 1, "after": after_rms},
        "adam": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7, "steps": 2, "after": after_adam},
    })


def case_b():
    torch.manual_seed(99)
    net = Net(1, 5, 2, 2)
    dump("model_b.json", state_dict_json(net))
    series = torch.randn(20).cumsum(0) * 0.1
    with open(os.path.join(HERE, "series_b.txt"), "w") as f:
        f.write("".join(repr(v) + "\n" for v in series.tolist()))
    with open(os.path.join(HERE, "ticks_b.csv"), "w") as f:
        f.write("symbol,ts,value\n")
        f.write("".join("GE,%d,%r\n" % (1700000000000 + 1000 * i, v) for i, v in enumerate(series.tolist())))
    t = 5
    rows = []
    with torch.no_grad():
        for end in range(t - 1, len(series)):
            w = series[end - t + 1:end + 1].reshape(1, t, 1)
            rows.append({"index": end, "output": net(w)[0][0].tolist()})
    dump("predict_b.json", {"timesteps": t, "windows": rows})

    steps = 30
    x = torch.zeros(1, steps, 1)
    x[0, 0, 0] = 1.0
    hs = 5
    w_ih, w_hh = net.lstm.weight_ih_l0, net.lstm.weight_hh_l0
    b = net.lstm.bias_ih_l0 + net.lstm.bias_hh_l0
    h = torch.zeros(hs)
    c = torch.zeros(hs)
    rec = {"input": [], "input_gate": [], "forget_gate": [], "output_gate": [], "cell": [], "hidden": [],
           "forecast": []}
    with torch.no_grad():
        seq_out = net.head(net.lstm(x)[0][0])
        for s in range(steps):
            z = w_ih @ x[0, s] + w_hh @ h + b
            i, f, g, o = torch.sigmoid(z[:hs]), torch.sigmoid(z[hs:2 * hs]), torch.tanh(z[2 * hs:3 * hs]), \
                torch.sigmoid(z[3 * hs:])
            c = f * c + i * g
            h = o * torch.tanh(c)
            rec["input"].append(x[0, s, 0].item())
            rec["input_gate"].append(i.tolist())
            rec["forget_gate"].append(f.tolist())
            rec["output_gate"].append(o.tolist())
            rec["cell"].append(c.tolist())
            rec["hidden"].append(h.tolist())
            rec["forecast"].append(seq_out[s].tolist())
    dump("impulse_b.json", rec)


if __name__ == "__main__":
    case_a()
    case_b()
