from proto import *
def line_sse_all(y):
    """For window y (len n): SSE of one line, and for each split c in [m, n-m] SSE(left)+SSE(right)."""
    n=len(y); t=np.arange(n,dtype=float)
    def pref(v): return np.concatenate([[0.],np.cumsum(v)])
    S1,St,Stt,Sy,Syy,Sty=map(pref,[np.ones(n),t,t*t,y,y*y,t*y])
    def sse(a,b):
        m=S1[b]-S1[a]; st=St[b]-St[a]; stt=Stt[b]-Stt[a]; sy=Sy[b]-Sy[a]; syy=Syy[b]-Syy[a]; sty=Sty[b]-Sty[a]
        vt=stt-st*st/m; vy=syy-sy*sy/m; cty=sty-st*sy/m
        with np.errstate(divide='ignore',invalid='ignore'):
            r=vy-np.where(vt>0,cty*cty/np.where(vt>0,vt,1),0)
        return np.maximum(r,0)
    return sse
def resid_two(y,c):
    r=[]
    for a,b in [(0,c),(c,len(y))]:
        t=np.arange(a,b); A=np.stack([np.ones(b-a),t],1); beta=np.linalg.lstsq(A,y[a:b],rcond=None)[0]; r.append(y[a:b]-A@beta)
    return r
def rho1(rs):
    num=sum(np.sum(r[1:]*r[:-1]) for r in rs); den=sum(np.sum(r*r) for r in rs)
    return 0 if den<=0 else num/den
def detect(y,k=3.0,minseg=3,W=400,hold=1,verbose=False):
    n=len(y); s=0; cps=[]; sig=[]; run=0; lastc=None
    for t in range(n):
        a=max(s,t-W+1); w=y[a:t+1]; m=len(w)
        if m<2*minseg+1: continue
        sse=line_sse_all(w)
        c=np.arange(minseg,m-minseg+1)
        s1=sse(np.array([0]),np.array([m]))[0]
        s2=sse(np.zeros_like(c),c)+sse(c,np.full_like(c,m))
        i=np.argmin(s2); cs=c[i]
        if s2[i]<=0: s2i=1e-12*max(s1,1e-300)
        else: s2i=s2[i]
        if s1<=0: continue
        rho=max(0.,rho1(resid_two(w,cs)))
        neff=m*(1-rho)/(1+rho)
        T=neff*np.log(s1/s2i)
        if T>k*np.log(m):
            run+=1
            if run>=hold:
                loc=a+cs; cps.append(loc); sig.append(t); s=loc; run=0
        else: run=0
    return cps,sig
def method(k,minseg,hold=1,W=400):
    return lambda y: detect(y,k,minseg,W,hold)[0]
if __name__=="__main__":
    import sys
    for k in [3,6,10]:
        for ms in [3,5]:
            print(k,ms,score(method(k,ms)))
