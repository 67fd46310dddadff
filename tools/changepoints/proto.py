import json, csv, numpy as np, sys
import sys; sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__file__), "../../src/test/resources/io/tickcast/backtest")); from tcpd_metrics import f_measure, covering
D="/work/shared/data/changepoints"
ann=json.load(open(D+"/annotations.json")); cat=json.load(open(D+"/catalog.json"))
AV=[s for s in ann if cat[s]["averaged"]]
def load(s):
    with open(f"{D}/{s}.csv") as f:
        r=csv.DictReader(f); return np.array([float(x["value"]) for x in r])
DATA={s:load(s) for s in ann}

class Seg:
    """O(1) linear-fit SSE of y[a:b] via prefix sums."""
    def __init__(s,y):
        n=len(y); t=np.arange(n,dtype=float)
        z=lambda v: np.concatenate([[0.],np.cumsum(v)])
        s.S1=z(np.ones(n)); s.St=z(t); s.Stt=z(t*t); s.Sy=z(y); s.Syy=z(y*y); s.Sty=z(t*y)
    def sse(s,a,b,lin=True):
        n=s.S1[b]-s.S1[a]; sy=s.Sy[b]-s.Sy[a]; syy=s.Syy[b]-s.Syy[a]
        if not lin or n<3:
            return max(syy-sy*sy/n,0.)
        st=s.St[b]-s.St[a]; stt=s.Stt[b]-s.Stt[a]; sty=s.Sty[b]-s.Sty[a]
        vt=stt-st*st/n; cty=sty-st*sy/n; vy=syy-sy*sy/n
        return max(vy-(cty*cty/vt if vt>0 else 0),0.)

def op(y,pen,minseg=3,lin=True,cost="known",sigma2=None):
    n=len(y); S=Seg(y); F=np.full(n+1,np.inf); F[0]=-pen; last=np.zeros(n+1,int)
    for b in range(minseg,n+1):
        best=np.inf;arg=0
        for a in range(0,b-minseg+1):
            if a!=0 and a<minseg: continue
            if F[a]==np.inf: continue
            sse=S.sse(a,b,lin)
            if cost=="known": c=sse/sigma2
            else:
                m=b-a; c=m*np.log(max(sse/m,1e-12*sigma2))
            v=F[a]+c+pen
            if v<best: best=v;arg=a
        F[b]=best;last[b]=arg
    cps=[];b=n
    while b>0:
        a=last[b]
        if a>0: cps.append(a)
        b=a
    return sorted(cps)

def noise(y):
    d=np.diff(y)
    return (1.4826*np.median(np.abs(d-np.median(d))))**2/2+1e-12

def score(method,verbose=False):
    F=[];C=[]
    for s in AV:
        y=DATA[s]; n=len(y); cps=[c for c in method(y) if 1<=c<=n-2]
        f=f_measure(ann[s],cps); c=covering(ann[s],cps,n); F.append(f);C.append(c)
        if verbose: print(f"{s:20s} n={n:4d} f1={f:.3f} cov={c:.3f} cps={cps}")
    return np.mean(F),np.mean(C)
if __name__=="__main__":
    for k in [1,2,4,8,16]:
        for lin in [True,False]:
            m=lambda y: op((y-np.mean(y))/np.std(y),k*np.log(len(y)),minseg=5,lin=lin,sigma2=noise((y-np.mean(y))/np.std(y)))
            print(k,lin,score(m))
