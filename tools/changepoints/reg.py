from proto import *
def design(y, kind):
    n=len(y); t=np.arange(n,dtype=float)/n
    if kind=="lin": X=np.stack([np.ones(n),t],1); Y=y
    elif kind=="mean": X=np.ones((n,1)); Y=y
    elif kind=="ar1": X=np.stack([np.ones(n-1),y[:-1]],1); Y=y[1:]
    elif kind=="ar1lin": X=np.stack([np.ones(n-1),t[1:],y[:-1]],1); Y=y[1:]
    return X,Y
def segcosts(X,Y):
    n,p=X.shape
    XX=np.concatenate([np.zeros((1,p,p)),np.cumsum(X[:,:,None]*X[:,None,:],0)])
    XY=np.concatenate([np.zeros((1,p)),np.cumsum(X*Y[:,None],0)])
    YY=np.concatenate([[0.],np.cumsum(Y*Y)])
    def sse(a,b):  # arrays a (vector), scalar b
        A=XX[b]-XX[a]+1e-9*np.eye(p); v=XY[b]-XY[a]; yy=YY[b]-YY[a]
        beta=np.linalg.solve(A,v[...,None])[...,0]
        return np.maximum(yy-np.einsum('ij,ij->i',beta,v),0)
    return sse
def opreg(y,kind,pen,minseg=5,cost="mv",s2=None):
    X,Y=design(y,kind); n=len(Y); sse=segcosts(X,Y); off=len(y)-n
    F=np.full(n+1,np.inf); F[0]=-pen; last=np.zeros(n+1,int)
    for b in range(minseg,n+1):
        a=np.array([0]+list(range(minseg,b-minseg+1)))
        a=a[np.isfinite(F[a])]
        e=sse(a,b); m=b-a
        c= m*np.log(np.maximum(e/m,1e-8)) if cost=="mv" else e/s2
        v=F[a]+c+pen; i=np.argmin(v); F[b]=v[i]; last[b]=a[i]
    cps=[];b=n
    while b>0:
        a=last[b]
        if a>0: cps.append(a+off)
        b=a
    return sorted(cps)
if __name__=="__main__":
    import itertools
    for kind in ["lin","ar1","ar1lin"]:
        for k in [3,5,8,12]:
            def m(y,k=k,kind=kind):
                z=(y-np.mean(y))/np.std(y); return opreg(z,kind,k*np.log(len(y)))
            print(kind,k,score(m))
