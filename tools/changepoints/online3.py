from proto import *
from online2 import robvar
def op_known(w,pen,s2,minseg):
    S=Seg(w); m=len(w)
    F=np.full(m+1,np.inf); F[0]=-pen; last=np.zeros(m+1,int)
    for b in range(minseg,m+1):
        a=np.array([0]+list(range(minseg,b-minseg+1)))
        a=a[np.isfinite(F[a])]
        n=S.S1[b]-S.S1[a]; sy=S.Sy[b]-S.Sy[a]; syy=S.Syy[b]-S.Syy[a]
        st=S.St[b]-S.St[a]; stt=S.Stt[b]-S.Stt[a]; sty=S.Sty[b]-S.Sty[a]
        vt=stt-st*st/n; cty=sty-st*sy/n; vy=syy-sy*sy/n
        e=np.maximum(vy-np.where(vt>0,cty*cty/np.where(vt>0,vt,1),0),0)
        v=F[a]+e/s2+pen; i=np.argmin(v); F[b]=v[i]; last[b]=a[i]
    cps=[];b=m
    while b>0:
        a=last[b]
        if a>0: cps.append(a)
        b=a
    return sorted(cps)
def detect3(y,k=8,minseg=3,W=300,L=5,h=3,step=1):
    n=len(y); conf=[]; sig=[]; hist={}
    for t in range(2*minseg,n,step):
        a0=max(0,t-W+1); w=y[a0:t+1]; m=len(w)
        tt=np.arange(m); A=np.stack([np.ones(m),tt],1); r=w-A@np.linalg.lstsq(A,w,rcond=None)[0]
        s2=robvar(r)
        if s2<=1e-300: continue
        cps=[a0+c for c in op_known(w,k*np.log(m),s2,minseg)]
        last=conf[-1] if conf else 0
        for c in cps:
            if c<=last+minseg-1 : continue
            if t-c+1<L: continue
            hist[c]=hist.get(c,0)+1
            # stable: seen (within ±1) in h runs
            cnt=sum(v for kk,v in hist.items() if abs(kk-c)<=1)
            if cnt>=h:
                conf.append(c); sig.append(t); hist={}; break
    return conf,sig
if __name__=="__main__":
    import sys
    for k in [4,8,16]:
        for L in [5,10]:
            print(k,L,score(lambda y: detect3(y,k,3,300,L,3)[0]),flush=True)
