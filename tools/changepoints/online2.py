from online import *
def robvar(r): return (1.4826*np.median(np.abs(r-np.median(r))))**2+1e-12
def detect2(y,k=8.0,minseg=3,W=400,scale="line",verbose=False):
    n=len(y); s=0; cps=[]; sig=[]
    for t in range(n):
        a=max(s,t-W+1); w=y[a:t+1]; m=len(w)
        if m<2*minseg+1: continue
        sse=line_sse_all(w)
        c=np.arange(minseg,m-minseg+1)
        s1=sse(np.array([0]),np.array([m]))[0]
        s2=sse(np.zeros_like(c),c)+sse(c,np.full_like(c,m))
        i=np.argmin(s2); cs=c[i]
        tt=np.arange(m); A=np.stack([np.ones(m),tt],1); r=w-A@np.linalg.lstsq(A,w,rcond=None)[0]
        if scale=="line": v=robvar(r)
        else: v=np.var(r)
        if v<=1e-300: continue
        T=(s1-s2[i])/v
        if T>k*np.log(m):
            loc=a+cs; cps.append(loc); sig.append(t); s=loc
    return cps,sig
if __name__=="__main__":
    for sc in ["line","var"]:
      for k in [4,8,16]:
        for ms in [3,5]:
            print(sc,k,ms,score(lambda y: detect2(y,k,ms,scale=sc)[0]))
