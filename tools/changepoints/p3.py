from reg import *
def robvar(r): return (1.4826*np.median(np.abs(r-np.median(r))))**2+1e-12
def glob_s2(z,kind):
    X,Y=design(z,kind); b=np.linalg.lstsq(X,Y,rcond=None)[0]; return robvar(Y-X@b)
for kind in ["lin","ar1","ar1lin"]:
    for k in [2,4,8,16,32]:
        def m(y,k=k,kind=kind):
            z=(y-np.mean(y))/np.std(y); return opreg(z,kind,k*np.log(len(y)),cost="known",s2=glob_s2(z,kind))
        print(kind,k,score(m))
