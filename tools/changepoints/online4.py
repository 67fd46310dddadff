from online3 import *
def detect4(y,k=8,minseg=3,W=300,WS=1000,L=5,h=3,gap=10,step=1):
    n=len(y); conf=[]; sig=[]; hist={}
    for t in range(2*minseg,n,step):
        a0=max(0,t-W+1); w=y[a0:t+1]; m=len(w)
        b0=max(0,t-WS+1); ws=y[b0:t+1]; ms=len(ws)
        tt=np.arange(ms); A=np.stack([np.ones(ms),tt],1); r=ws-A@np.linalg.lstsq(A,ws,rcond=None)[0]
        s2=robvar(r)
        if s2<=1e-300: continue
        cps=[a0+c for c in op_known(w,k*np.log(m),s2,minseg)]
        last=conf[-1] if conf else 0
        for c in cps:
            if c<last+gap : continue
            if t-c+1<L: continue
            hist[c]=hist.get(c,0)+1
            cnt=sum(v for kk,v in hist.items() if abs(kk-c)<=1)
            if cnt>=h:
                conf.append(c); sig.append(t); hist={}; break
    return conf,sig
if __name__=="__main__":
    import sys
    k=float(sys.argv[1]); L=int(sys.argv[2]); gap=int(sys.argv[3])
    print(k,L,gap,score(lambda y: detect4(y,k,3,300,1000,L,3,gap)[0],len(sys.argv)>4),flush=True)
